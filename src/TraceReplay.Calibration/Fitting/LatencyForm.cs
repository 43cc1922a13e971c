using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Fitting;

/// <summary>
/// The physics-grounded latency curve every fitted operator shares:
/// <c>T = overhead + per_sequence x S + smoothmax_p(floor, F_eff / (peak x e_c), (B + fill x SMs x B/R) / (BW x e_m))</c>, with
/// <c>F_eff = q x tile/wave-padded FLOPs + (1 - q) x FLOPs</c> for GEMMs (best of several tile shapes) and prefill attention
/// (whose FLOPs add the paid fraction of the causally masked pairs); all-reduce is
/// <c>overhead + ring bytes / (link x e_m)</c>. Every term is non-decreasing in FLOPs, bytes, tokens and sequences,
/// so the curve is monotone in work (the floor only lifts small kernels) and extrapolates linearly past the fitted range (it never turns down).
/// </summary>
public static class LatencyForm
{
    public static double PredictUs(in Operator op, GpuSpec gpu, LatencyParams p) => PredictUs(OpFeatures.Of(op, gpu), gpu, p);

    public static double PredictUs(in OpFeatures f, GpuSpec gpu, LatencyParams p) =>
        PredictUs(f, gpu, p, f.TileWork is null ? null : OpFeatures.TileFactors(p.TileExponent));

    /// <param name="tileFactors"><see cref="OpFeatures.TileFactors"/> of <paramref name="p"/> (GEMMs; precomputed when fitting).</param>
    public static double PredictUs(in OpFeatures f, GpuSpec gpu, LatencyParams p, double[]? tileFactors)
    {
        if (f.Class == OpClass.AllReduce)
        {
            return p.OverheadUs + f.LinkBytes / (gpu.InterconnectBytesPerS * p.MemoryEfficiency) * 1e6;
        }
        // Prefill attention pays at least the diagonal tiles of the masked triangle; a kernel that ignores the mask pays
        // up to all of it (the fitted masked_fraction).
        double raw = f.Class == OpClass.AttentionPrefill ? f.Flops + Math.Max(p.MaskedFraction, f.DiagonalFraction) * (f.FullFlops - f.Flops) : f.Flops;
        double padded = f.Class == OpClass.AttentionPrefill ? raw * f.WaveFlops / Math.Max(f.Flops, 1e-30) : (tileFactors is null ? f.WaveFlops : f.TiledFlops(tileFactors));
        double flops = p.WaveQuantization * padded + (1 - p.WaveQuantization) * raw;
        double compute = flops / ((f.PeakFlopsPerS > 0 ? f.PeakFlopsPerS : gpu.PeakBf16FlopsPerS) * p.ComputeEfficiency) * 1e6;
        // Decode attention's work items grow with KV heads and sequences^SequenceExponent (OpFeatures gives bytes per KV head).
        double perItem = f.Class == OpClass.AttentionDecode ? f.BytesPerRow * Math.Pow(Math.Max(f.Sequences, 1), -p.SequenceExponent) : f.BytesPerRow;
        double bytes = f.Bytes + p.FillRowsPerSm * gpu.SmCount * perItem;
        if (p.L2Speedup > 0 && gpu.L2Bytes > 0)
        {
            // Piecewise linear with a steeper second piece: continuous and non-decreasing in bytes.
            double inL2 = Math.Min(bytes, gpu.L2Bytes);
            bytes = inL2 / (1 + p.L2Speedup) + (bytes - inL2);
        }
        double memory = bytes / (gpu.HbmBytesPerS * p.MemoryEfficiency) * 1e6;
        double work = SmoothMax(compute, memory, p.SmoothP);
        // Decode attention runs one CTA group per (sequence, KV head): its per-sequence cost scales with the KV heads.
        return p.OverheadUs + p.PerSequenceUs * f.Sequences * f.KvUnits + (p.FloorUs > 0 ? SmoothMax(work, p.FloorUs, p.SmoothP) : work);
    }

    /// <summary>(a^p + b^p)^(1/p), computed without overflow; tends to max(a, b) as p grows.</summary>
    public static double SmoothMax(double a, double b, double p)
    {
        double hi = Math.Max(a, b), lo = Math.Min(a, b);
        return hi <= 0 ? 0 : hi * Math.Pow(1 + Math.Pow(lo / hi, p), 1 / p);
    }
}

using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Fitting;

/// <summary>
/// The physics-grounded latency curve every fitted operator shares:
/// <c>T = overhead + per_sequence x S + smoothmax_p(F_eff / (peak x e_c), (B + fill x SMs x B/R) / (BW x e_m))</c>, with
/// <c>F_eff = q x wave-padded FLOPs + (1 - q) x FLOPs</c> for GEMMs; all-reduce is
/// <c>overhead + ring bytes / (link x e_m)</c>. Every term is non-decreasing in FLOPs, bytes, tokens and sequences,
/// so the curve is monotone in work and extrapolates linearly past the fitted range (it never turns down).
/// </summary>
public static class LatencyForm
{
    public static double PredictUs(in Operator op, GpuSpec gpu, LatencyParams p) => PredictUs(OpFeatures.Of(op, gpu), gpu, p);

    public static double PredictUs(in OpFeatures f, GpuSpec gpu, LatencyParams p)
    {
        if (f.Class == OpClass.AllReduce)
        {
            return p.OverheadUs + f.LinkBytes / (gpu.InterconnectBytesPerS * p.MemoryEfficiency) * 1e6;
        }
        double flops = p.WaveQuantization * f.WaveFlops + (1 - p.WaveQuantization) * f.Flops;
        double compute = flops / (gpu.PeakBf16FlopsPerS * p.ComputeEfficiency) * 1e6;
        double memory = (f.Bytes + p.FillRowsPerSm * gpu.SmCount * f.BytesPerRow) / (gpu.HbmBytesPerS * p.MemoryEfficiency) * 1e6;
        return p.OverheadUs + p.PerSequenceUs * f.Sequences + SmoothMax(compute, memory, p.SmoothP);
    }

    /// <summary>(a^p + b^p)^(1/p), computed without overflow; tends to max(a, b) as p grows.</summary>
    public static double SmoothMax(double a, double b, double p)
    {
        double hi = Math.Max(a, b), lo = Math.Min(a, b);
        return hi <= 0 ? 0 : hi * Math.Pow(1 + Math.Pow(lo / hi, p), 1 / p);
    }
}

using System.Globalization;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Fitting;

/// <summary>
/// Fits <see cref="LatencyParams"/> to measured samples by minimising the mean squared log error (relative error,
/// so 5 us and 5 ms kernels weigh alike) with Nelder-Mead over log-transformed coefficients (positivity for free).
/// Deterministic: fixed start, fixed budget, sequential sums; results rounded to 6 significant digits.
/// </summary>
public static class LatencyFitter
{
    private const int Budget = 700;
    /// <summary>Fits use at most this many samples (an even stride through them): the curves have 5-7 coefficients.</summary>
    public const int MaxFitSamples = 1200;

    public static LatencyParams Fit(IReadOnlyList<ProfileSample> samples, GpuSpec gpu, OpClass cls)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("no samples to fit");
        }
        int stride = (samples.Count + MaxFitSamples - 1) / MaxFitSamples;
        int n = (samples.Count + stride - 1) / stride;
        var features = new OpFeatures[n];
        var logMeasured = new double[n];
        double minUs = double.MaxValue;
        for (int i = 0; i < n; i++)
        {
            ProfileSample s = samples[i * stride];
            features[i] = OpFeatures.Of(s.Op, gpu);
            logMeasured[i] = Math.Log(s.MeasuredUs);
            minUs = Math.Min(minUs, s.MeasuredUs);
        }
        int[] fitted = cls switch
        {
            OpClass.AllReduce => [0, 3],
            OpClass.Gemm => [0, 2, 3, 4, 5, 7, 8],
            OpClass.MoeGemm => [0, 1, 2, 3, 4, 5, 7, 8],
            OpClass.AttentionPrefill => [0, 1, 2, 3, 4, 5, 6, 7, 9],
            OpClass.AttentionDecode => [0, 1, 2, 3, 4, 6, 7, 11],
            _ => [0, 2, 3, 4, 6, 7, 10],
        };
        // Per-sequence time and the fill term (rows = sequences) cannot be told from the overhead and the memory
        // efficiency when every sample has the same sequence count (Vidur profiles prefill one sequence at a time):
        // left free they take arbitrary values that blow up when a replay batches 16 prefills. Pin them to 0.
        bool oneSequenceCount = cls is OpClass.AttentionPrefill or OpClass.AttentionDecode && features.All(f => f.Sequences == features[0].Sequences);
        int[] active = oneSequenceCount ? [.. fitted.Where(i => i is not (1 or 6))] : fitted;
        // Start: half the smallest time as overhead (all-reduce) or split between overhead and floor (the rest).
        double overhead0 = cls == OpClass.AllReduce ? 0.5 * minUs : 0.3 * minUs;
        double[] full = [Math.Log(overhead0), Math.Log(0.05), Math.Log(0.6 / 0.4), Math.Log(0.7), Math.Log(3), 0, Math.Log(0.5), Math.Log(0.6 * minUs), 0, 0, Math.Log(0.5), 0];
        if (oneSequenceCount)
        {
            full[1] = full[6] = double.NegativeInfinity; // exp(-inf) = 0
        }
        double Objective(double[] z)
        {
            LatencyParams p = Decode(Scatter(full, active, z), cls);
            double[] tileFactors = OpFeatures.TileFactors(p.TileExponent);
            double sum = 0;
            for (int i = 0; i < features.Length; i++)
            {
                double e = Math.Log(LatencyForm.PredictUs(features[i], gpu, p, tileFactors)) - logMeasured[i];
                sum += e * e;
            }
            return double.IsFinite(sum) ? sum / features.Length : double.MaxValue;
        }
        double[] z = [.. active.Select(i => full[i])];
        // Two restarts from the best point: Nelder-Mead can stall on the max() corner of the roofline.
        for (int round = 0; round < 3; round++)
        {
            z = NelderMead.Minimize(Objective, z, step: round == 0 ? 0.7 : 0.3, Budget);
        }
        return Round(Decode(Scatter(full, active, z), cls));
    }

    private static double[] Scatter(double[] full, int[] active, double[] z)
    {
        var x = (double[])full.Clone();
        for (int i = 0; i < active.Length; i++)
        {
            x[active[i]] = z[i];
        }
        return x;
    }

    private static LatencyParams Decode(double[] x, OpClass cls) => new(
        OverheadUs: Math.Exp(x[0]),
        PerSequenceUs: cls is OpClass.AttentionPrefill or OpClass.AttentionDecode or OpClass.MoeGemm ? Math.Exp(x[1]) : 0,
        // Bounded by 1: no kernel beats the datasheet peak (left free, prefill attention trades a paid masked half for an
        // efficiency of 1.16 on H100: the two are only told apart by this bound).
        ComputeEfficiency: cls == OpClass.AllReduce ? 1 : 1 / (1 + Math.Exp(-x[2])),
        // Decode attention reads its KV from HBM (it never fits in L2 at the sizes that matter): at most the HBM peak.
        MemoryEfficiency: cls == OpClass.AttentionDecode ? 1 / (1 + Math.Exp(-x[3])) : Math.Exp(x[3]),
        SmoothP: cls == OpClass.AllReduce ? 1 : 1 + Math.Exp(x[4]),
        WaveQuantization: cls is OpClass.Gemm or OpClass.MoeGemm or OpClass.AttentionPrefill ? 1 / (1 + Math.Exp(-x[5])) : 0,
        FillRowsPerSm: cls is OpClass.Gemm or OpClass.MoeGemm or OpClass.AllReduce ? 0 : Math.Exp(x[6]),
        FloorUs: cls == OpClass.AllReduce ? 0 : Math.Exp(x[7]),
        TileExponent: cls is OpClass.Gemm or OpClass.MoeGemm ? 2 / (1 + Math.Exp(-x[8])) : 0,
        MaskedFraction: cls == OpClass.AttentionPrefill ? 1 / (1 + Math.Exp(-x[9])) : 0,
        L2Speedup: RowParallel(cls) ? Math.Exp(x[10]) : 0,
        SequenceExponent: cls == OpClass.AttentionDecode ? 1 / (1 + Math.Exp(-x[11])) : 1);

    /// <summary>Norms, RoPE, activations, elementwise: the kernels whose input the previous kernel just wrote (L2-resident).</summary>
    private static bool RowParallel(OpClass cls) => cls is not (OpClass.Gemm or OpClass.MoeGemm or OpClass.AllReduce or OpClass.AttentionPrefill or OpClass.AttentionDecode);

    /// <summary>6 significant digits: what the JSON stores, so in-memory and reloaded models predict identically.</summary>
    public static double Round6(double v) => double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static LatencyParams Round(LatencyParams p) => new(
        Round6(p.OverheadUs), Round6(p.PerSequenceUs), Round6(p.ComputeEfficiency), Round6(p.MemoryEfficiency), Round6(p.SmoothP), Round6(p.WaveQuantization), Round6(p.FillRowsPerSm),
        Round6(p.FloorUs), Round6(p.TileExponent), Round6(p.MaskedFraction), Round6(p.L2Speedup), Round6(p.SequenceExponent));
}

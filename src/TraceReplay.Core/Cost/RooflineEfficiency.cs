using TraceReplay.Core.Operators;

namespace TraceReplay.Core.Cost;

/// <summary>
/// Uncalibrated per-class efficiency factors. They are round numbers chosen from public measurements (an 8192^3
/// BF16 GEMM reaches ~80% of H100 peak, a device copy ~90% of HBM bandwidth; BACKGROUND.md section 6), not fitted:
/// use <c>tracereplay calibrate</c> for numbers checked against hardware.
/// </summary>
public static class RooflineEfficiency
{
    public static IReadOnlyDictionary<OpClass, ClassEfficiency> Defaults { get; } = new Dictionary<OpClass, ClassEfficiency>
    {
        [OpClass.Gemm] = new(0.80, 0.85, 2.0),
        [OpClass.MoeGemm] = new(0.60, 0.75, 4.0),
        [OpClass.AttentionPrefill] = new(0.55, 0.80, 3.0),
        [OpClass.AttentionDecode] = new(0.50, 0.75, 3.0),
        [OpClass.RouterTopk] = new(0.30, 0.50, 3.0),
        [OpClass.Norm] = new(0.50, 0.70, 2.0),
        [OpClass.Rope] = new(0.50, 0.70, 2.0),
        [OpClass.Activation] = new(0.50, 0.70, 2.0),
        [OpClass.Elementwise] = new(0.50, 0.70, 2.0),
        // All-reduce: "memory" is the fraction of link bandwidth; overhead is NCCL's small-message latency.
        [OpClass.AllReduce] = new(1.0, 0.70, 8.0),
        [OpClass.Memcpy] = new(1.0, 0.90, 2.0),
        [OpClass.Sampling] = new(0.30, 0.50, 5.0),
        [OpClass.Other] = new(0.50, 0.70, 2.0),
    };
}

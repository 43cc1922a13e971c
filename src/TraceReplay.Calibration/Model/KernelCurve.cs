using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.KernelDb;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Model;

/// <summary>
/// The measured-kernel curve that serves one (operator kind, dtype), resolved once per cost model. A format the GPU's
/// tables lack falls back to the bf16 curve of the family, fed the operator's own bytes and compute rate (so an FP8
/// GEMM on A100 runs as W8A16 at the BF16 rate with half the weight bytes): an approximation, named in
/// <see cref="Approximation"/>.
/// </summary>
internal sealed record KernelCurve(OperatorCalibration Curve, LatencyParams Params, string Family, string? Approximation)
{
    public static KernelCurve? Resolve(GpuCalibration cal, OpKind kind, DType dtype, MaskedPairs masked)
    {
        Operator probe = new() { Kind = kind, Layer = 0, Flops = 0, Bytes = default, Dtype = dtype, Tokens = 1 };
        string? family = kind.Class() == OpClass.RouterTopk ? KernelFamilies.Gemm(dtype) : KernelFamilies.For(probe);
        if (family is null)
        {
            return null;
        }
        if (KernelFamilies.ServingSubstitutes.TryGetValue(family, out var sub) && Resolve(cal, sub.Instead, masked) is { } instead)
        {
            return instead with { Approximation = $"{family}: the {sub.Instead} curve serves it ({sub.Why})" };
        }
        KernelCurve? exact = Resolve(cal, family, masked);
        if (exact is not null || dtype == DType.Bf16)
        {
            return exact;
        }
        string fallback = family[..(family.LastIndexOf(':') + 1)] + (family.StartsWith("attention", StringComparison.Ordinal) ? "kv_" : "") + DType.Bf16.ToName();
        return Resolve(cal, fallback, masked) is { } f
            ? f with { Approximation = $"{family} not measured on {cal.Gpu}: the {fallback} curve at {dtype.ToName()} bytes and compute rate" }
            : null;
    }

    public static KernelCurve? Resolve(GpuCalibration cal, string family, MaskedPairs masked)
    {
        if (!cal.Kernels.TryGetValue(family, out OperatorCalibration? c))
        {
            return null;
        }
        LatencyParams p = c.Params;
        return new KernelCurve(c, masked == MaskedPairs.Skipped ? p with { MaskedFraction = 0 } : p, family, null);
    }
}

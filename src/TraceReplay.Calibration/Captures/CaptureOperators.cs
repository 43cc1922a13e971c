using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Kernels;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Captures;

/// <summary>
/// Rebuilds the Core <see cref="Operator"/> a capture-kit annotation measured, from its shape keys, so the fitted
/// curve sees the FLOPs and bytes the replay engine hands it. Attention and all-reduce go through Core's
/// <see cref="OperatorGraph"/> (via <see cref="VidurShape"/>); GEMMs use OperatorGraph's GEMM formula (2mkn FLOPs;
/// weights + input + output bytes, BF16), which it keeps private.
/// </summary>
public static class CaptureOperators
{
    private const double BytesPerElement = 2; // the kit measures BF16 only

    public static Operator Build(KernelAnnotation a)
    {
        OpKind kind = a.Kind ?? throw new FormatException($"annotation '{a}': op '{a.Op}' is not a TraceReplay OpKind");
        int tp = a.TryGet("tp", out _) ? (int)a.Int("tp") : 1;
        switch (kind)
        {
            case OpKind.AttentionPrefill or OpKind.AttentionDecode:
            {
                int hq = (int)a.Int("hq"), hkv = (int)a.Int("hkv"), d = (int)a.Int("d"), b = (int)a.Int("b"), ctx = (int)a.Int("ctx");
                // A one-layer spec whose per-GPU heads are the annotation's (hq, hkv are per GPU).
                ModelSpec spec = VidurShape.Spec(hq * tp * d, hq * tp, hkv * tp, d, 1);
                bool prefill = kind == OpKind.AttentionPrefill;
                int q = prefill ? (int)a.Int("q") : 1;
                // ctx counts the query's own tokens: the cached prefix is ctx - q.
                return VidurShape.Attention(spec, tp, prefill, b, q, prefill ? ctx - q : ctx);
            }
            case OpKind.AttnAllReduce or OpKind.MlpAllReduce:
                return VidurShape.AllReduce(a.Int("bytes"), (int)a.Int("world")) with { Kind = kind, Tokens = a.Int("tokens") };
            case OpKind.MoeExperts:
            {
                long m = a.Int("m"), k = a.Int("k"), n = a.Int("n"), experts = a.Int("experts");
                return new Operator
                {
                    Kind = kind,
                    Layer = 0,
                    Flops = 2.0 * experts * m * k * n,
                    Bytes = new HbmTraffic(0, experts * (double)k * n * BytesPerElement, 0, 0, experts * m * (double)(k + n) * BytesPerElement),
                    Tokens = a.Int("tokens"),
                    InFeatures = k,
                    OutFeatures = n,
                    ExpertsHit = experts,
                    RoutedTokens = experts * m,
                    TpDegree = tp,
                };
            }
            default:
            {
                if (kind.Class() != OpClass.Gemm)
                {
                    throw new FormatException($"annotation '{a}': op '{a.Op}' is not one the capture kit measures (GEMMs, attention, moe_experts, all-reduce)");
                }
                return Operator.Gemm(kind, 0, a.Int("m"), a.Int("k"), a.Int("n"), BytesPerElement, BytesPerElement, tp);
            }
        }
    }

    /// <summary>Two MoE measurements (proj=up_gate and proj=down of one token count) as Core's single MoeExperts operator.</summary>
    public static Operator Sum(Operator x, Operator y) => x with
    {
        Flops = x.Flops + y.Flops,
        Bytes = x.Bytes + y.Bytes,
        OutFeatures = Math.Max(x.OutFeatures, y.OutFeatures),
    };

    /// <summary>The held-out group of a measurement: its token count (b x q for prefill, b x ctx for decode).</summary>
    public static string GroupOf(KernelAnnotation a, Operator op) => op.Kind switch
    {
        OpKind.AttentionDecode => $"b={a.Int("b")},ctx={a.Int("ctx")}",
        OpKind.AttentionPrefill => $"tokens={a.Int("b") * a.Int("q")}",
        _ => $"tokens={op.Tokens}",
    };
}

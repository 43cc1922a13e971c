using TraceReplay.Calibration.Evaluation;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.KernelDb;

/// <summary>
/// Names of the curves fitted on measured kernels (the keys of <c>calibration.json</c>'s <c>kernels</c>), and which
/// curve serves an operator of the replay: every linear layer shares its dtype's GEMM curve; attention by phase and KV
/// format; the fused MoE layer by expert format; all-reduce inside a CUDA graph up to vLLM's largest captured batch,
/// eager above it.
/// </summary>
public static class KernelFamilies
{
    /// <summary>vLLM's largest CUDA-graph capture size (V1 default, vLLM 0.10-0.19): bigger steps run eager.</summary>
    public const int MaxCudaGraphTokens = 512;

    public static string Gemm(DType d) => "gemm:" + d.ToName();

    public static string Attention(bool prefill, DType kv) => (prefill ? "attention_prefill:kv_" : "attention_decode:kv_") + kv.ToName();

    public static string Moe(DType d) => "moe:" + d.ToName();

    public static string AllReduce(string backend) => "allreduce:" + backend;

    public static string Nccl(string collective) => "nccl:" + collective;

    /// <summary>
    /// Families fitted and reported but not what the serving engine runs by default, with the family the replay uses
    /// instead and why. The tables' <c>w4a16_mxfp4</c> MoE rows (B200, vLLM 0.19.0) time a weight-only fallback that
    /// takes 2.7 ms per layer at 1,024 tokens and ignores EP; the B200 vLLM gpt-oss-120b trace
    /// (calibration/b200/ITERATION_CHECK.md) runs its MXFP4 experts natively at ~0.15 ms per layer for 888 tokens, so the
    /// native FP4 MoE curve (<c>moe:nvfp4</c>) stands in for them.
    /// </summary>
    public static IReadOnlyDictionary<string, (string Instead, string Why)> ServingSubstitutes { get; } = new Dictionary<string, (string, string)>
    {
        ["moe:mxfp4"] = ("moe:nvfp4", "the measured w4a16_mxfp4 fused MoE is a weight-only fallback, not the native FP4 path vLLM serves MXFP4 experts with on Blackwell"),
    };

    /// <summary>Family prefixes in report order.</summary>
    public static IReadOnlyList<(string Prefix, string Title, string HeldOut)> Kinds { get; } =
    [
        ("gemm:", "GEMM", "10-fold leave-(n,k)-out: every (n, k) is predicted by a fit that never saw it"),
        ("attention_prefill:", "prefill attention", "leave-one-head-configuration-out (query heads, KV heads, head dim)"),
        ("attention_decode:", "decode attention", "leave-one-head-configuration-out (query heads, KV heads, head dim)"),
        ("moe:", "fused MoE", "leave-one-shape-out (hidden, expert width, experts, top-k, TP, EP)"),
        ("allreduce:", "custom all-reduce", CrossValidator.LeaveOneGpuCountOut),
        ("nccl:", "NCCL collectives", CrossValidator.LeaveOneGpuCountOut),
    ];

    /// <summary>The fitted curve for an operator, or null when the operator's class has no measured-kernel family.</summary>
    public static string? For(in Operator op) => op.Class switch
    {
        OpClass.Gemm => Gemm(op.Dtype),
        OpClass.AttentionPrefill => Attention(true, op.Dtype),
        OpClass.AttentionDecode => Attention(false, op.Dtype),
        OpClass.MoeGemm when op.Kind == OpKind.MoeExperts => Moe(op.Dtype),
        OpClass.AllReduce when op.Kind == OpKind.MoeAllToAll => Nccl("alltoall"),
        OpClass.AllReduce => AllReduce(op.Tokens <= MaxCudaGraphTokens ? "vllm_graph" : "vllm_eager"),
        _ => null,
    };
}

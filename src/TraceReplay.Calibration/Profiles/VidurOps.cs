using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Profiles;

/// <summary>
/// The Vidur operators TraceReplay fits, their op class, and which of Core's <see cref="OpKind"/>s each stands for.
/// Vidur's <c>add</c> (residual add) has no OpKind of its own: Core fuses it into the norms, so it is fitted and
/// predicted for Vidur-format files but never chosen for a Core operator.
/// </summary>
public static class VidurOps
{
    public const string AllReduce = "all_reduce";
    public const string AttnPrefill = "attn_prefill";
    public const string AttnDecode = "attn_decode";

    /// <summary>Operators of Vidur's <c>mlp.csv</c> (one per layer-level kernel group), in file order.</summary>
    public static IReadOnlyList<string> MlpOps { get; } =
        ["emb", "input_layernorm", "attn_pre_proj", "attn_rope", "attn_post_proj", "post_attention_layernorm", "mlp_up_proj", "mlp_act", "mlp_down_proj", "add"];

    public static IReadOnlyList<string> All { get; } = [.. MlpOps, AttnPrefill, AttnDecode, AllReduce];

    public static OpClass ClassOf(string op) => op switch
    {
        "emb" or "add" => OpClass.Elementwise,
        "input_layernorm" or "post_attention_layernorm" => OpClass.Norm,
        "attn_pre_proj" or "attn_post_proj" or "mlp_up_proj" or "mlp_down_proj" => OpClass.Gemm,
        "attn_rope" => OpClass.Rope,
        "mlp_act" => OpClass.Activation,
        AttnPrefill => OpClass.AttentionPrefill,
        AttnDecode => OpClass.AttentionDecode,
        AllReduce => OpClass.AllReduce,
        _ => throw new ArgumentException($"unknown Vidur operator '{op}'"),
    };

    /// <summary>The Vidur operator measured for a Core operator kind, or null when none was profiled.</summary>
    public static string? ForKind(OpKind kind) => kind switch
    {
        OpKind.Embedding => "emb",
        OpKind.InputNorm => "input_layernorm",
        OpKind.PostNorm => "post_attention_layernorm",
        OpKind.QkvProj => "attn_pre_proj",
        OpKind.Rope => "attn_rope",
        OpKind.OutProj => "attn_post_proj",
        OpKind.MlpUpGate => "mlp_up_proj",
        OpKind.MlpAct => "mlp_act",
        OpKind.MlpDown => "mlp_down_proj",
        OpKind.AttentionPrefill => AttnPrefill,
        OpKind.AttentionDecode => AttnDecode,
        OpKind.AttnAllReduce or OpKind.MlpAllReduce => AllReduce,
        _ => null,
    };
}

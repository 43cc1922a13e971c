namespace TraceReplay.Core.Models;

/// <summary>
/// Architecture of a decoder-only transformer, enough to enumerate its operators and count its bytes.
/// Built from a Hugging Face <c>config.json</c> by <see cref="HfConfigLoader"/>.
/// </summary>
public sealed record ModelSpec
{
    public required string Name { get; init; }
    public string? HfId { get; init; }
    /// <summary>Hugging Face <c>model_type</c> (llama, qwen3_moe, deepseek_v3, ...).</summary>
    public required string Family { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public required int NumLayers { get; init; }
    public required int HiddenSize { get; init; }
    public required int VocabSize { get; init; }
    public bool TieWordEmbeddings { get; init; }
    public required int NumQHeads { get; init; }
    public required int NumKvHeads { get; init; }
    public required int HeadDim { get; init; }
    public bool AttentionBias { get; init; }
    /// <summary>Output projection also has a bias (GPT-OSS).</summary>
    public bool OutputBias { get; init; }
    /// <summary>Per-head RMSNorm on q and k (Qwen3).</summary>
    public bool QkNorm { get; init; }
    /// <summary>Learned per-head attention sinks (GPT-OSS).</summary>
    public bool AttentionSinks { get; init; }
    public MlaSpec? Mla { get; init; }
    /// <summary>Intermediate size of the dense (gated) MLP, used by non-MoE layers.</summary>
    public int DenseFfn { get; init; }
    public MoeSpec? Moe { get; init; }
    /// <summary>False for GPT-2/3-style MLPs (up, GELU, down; with biases) instead of gated SwiGLU.</summary>
    public bool GatedMlp { get; init; } = true;
    /// <summary>Learned absolute position embeddings (GPT-2/3), rows x hidden.</summary>
    public int PositionEmbeddings { get; init; }
    /// <summary>Per layer: true if its FFN is an MoE block.</summary>
    public required IReadOnlyList<bool> MoeLayers { get; init; }
    /// <summary>Per layer: sliding-window size in tokens, 0 for full attention.</summary>
    public required IReadOnlyList<int> SlidingWindowTokens { get; init; }
    /// <summary>Number format of the dense linear layers' weights (attention projections, dense MLPs, shared experts).</summary>
    public DType WeightDtype { get; init; } = DType.Bf16;
    /// <summary>Number format of the routed experts' weights (MXFP4 on GPT-OSS; else usually as <see cref="WeightDtype"/>).</summary>
    public DType ExpertWeightDtype { get; init; } = DType.Bf16;
    /// <summary>
    /// Format activations are stored in between kernels (bf16 in vLLM even for FP8/FP4 models, which quantize a GEMM's
    /// input inside or right before the GEMM): sets the activation HBM bytes. The GEMM math follows the weights
    /// (<see cref="DTypes.ComputeType"/>).
    /// </summary>
    public DType ActivationDtype { get; init; } = DType.Bf16;
    public DType KvDtype { get; init; } = DType.Bf16;

    public double WeightBytesPerParam => WeightDtype.BytesPerElement();
    /// <summary>Bytes per routed-expert parameter (0.53125 for MXFP4's 4.25 bits; else as the format says).</summary>
    public double ExpertWeightBytesPerParam => ExpertWeightDtype.BytesPerElement();
    public double KvBytesPerElement => KvDtype.BytesPerElement();
    public double ActivationBytesPerElement => ActivationDtype.BytesPerElement();
    /// <summary>Published total parameter count, where known (for the catalogue's self-check).</summary>
    public double? PublishedParams { get; init; }

    public AttentionKind Attention =>
        Mla is not null ? AttentionKind.Mla : NumKvHeads == NumQHeads ? AttentionKind.Mha : AttentionKind.Gqa;

    public bool IsMoe => Moe is not null && MoeLayers.Any(m => m);

    public int NumMoeLayers => MoeLayers.Count(m => m);

    /// <summary>KV-cache bytes one token occupies across all layers of the whole model (no TP split, no window cap).</summary>
    public double KvBytesPerToken => Mla is { } mla
        ? (double)NumLayers * mla.CachedWidth * KvBytesPerElement
        : 2.0 * NumLayers * NumKvHeads * HeadDim * KvBytesPerElement;

    /// <summary>Bytes of one routed expert's weights (whole expert, before any TP split).</summary>
    public double ExpertWeightBytes => Moe is null ? 0 : Moe.ParamsPerExpert(HiddenSize) * ExpertWeightBytesPerParam;

    public ParameterCounts Parameters => ParameterCounter.Count(this);

    /// <summary>Bytes of all weights as stored for serving.</summary>
    public double WeightBytes
    {
        get
        {
            ParameterCounts p = Parameters;
            return (p.Total - p.RoutedExperts) * WeightBytesPerParam + p.RoutedExperts * ExpertWeightBytesPerParam;
        }
    }
}

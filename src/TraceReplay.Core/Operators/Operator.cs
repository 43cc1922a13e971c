using TraceReplay.Core.Models;

namespace TraceReplay.Core.Operators;

/// <summary>
/// One operator of one iteration on one GPU (after the tensor-parallel split), with the shape a calibrated
/// model needs. GEMM shapes are (M tokens) x (K in) -> (N out). Attention carries its query tokens, sequences and
/// attended (query, key) pairs.
/// </summary>
public readonly record struct Operator
{
    public required OpKind Kind { get; init; }
    /// <summary>Decoder layer index, or -1 for the embedding and head.</summary>
    public required int Layer { get; init; }
    public required double Flops { get; init; }
    public required HbmTraffic Bytes { get; init; }
    /// <summary>Rows processed: tokens (GEMMs, norms) or query tokens (attention).</summary>
    public long Tokens { get; init; }
    public long InFeatures { get; init; }
    public long OutFeatures { get; init; }
    /// <summary>Sequences in an attention operator.</summary>
    public int Sequences { get; init; }
    /// <summary>Attention: sum over sequences of the KV tokens attended (cached + new).</summary>
    public long ContextTokens { get; init; }
    /// <summary>Attention: (query, key) pairs computed, after causal and sliding-window masking.</summary>
    public double AttendedPairs { get; init; }
    /// <summary>MoE: expected distinct experts whose weights this iteration streams.</summary>
    public double ExpertsHit { get; init; }
    /// <summary>MoE: (token, expert) assignments on this GPU, tokens x top-k (every assignment is one expert FFN row).</summary>
    public long RoutedTokens { get; init; }
    /// <summary>All-reduce: payload bytes per GPU.</summary>
    public double CommBytes { get; init; }
    public int TpDegree { get; init; }
    /// <summary>
    /// The number format the kernel is keyed on: a GEMM's or fused MoE's weights (it picks the measured curve and the
    /// tensor-core rate, <see cref="DTypes.ComputeType"/>), attention's KV cache. Default bf16.
    /// </summary>
    public DType Dtype { get; init; }

    public OpClass Class => Kind.Class();

    /// <summary>FLOP per HBM byte (arithmetic intensity); infinity when it moves no bytes.</summary>
    public double Intensity => Bytes.TotalBytes > 0 ? Flops / Bytes.TotalBytes : double.PositiveInfinity;

    /// <summary>
    /// A dense GEMM (M tokens) x (K in) -> (N out): 2MNK FLOPs, the weights read once, input read and output written
    /// once. The one formula every GEMM-shaped operator uses (operator graph, capture calibration).
    /// </summary>
    public static Operator Gemm(OpKind kind, int layer, long m, long k, long n, double weightBytesPerParam, double activationBytesPerElement, int tp, DType dtype = DType.Bf16) => new()
    {
        Kind = kind,
        Layer = layer,
        Flops = 2.0 * m * n * k,
        Bytes = new HbmTraffic(n * (double)k * weightBytesPerParam, 0, 0, 0, (m * (double)k + m * (double)n) * activationBytesPerElement),
        Tokens = m,
        InFeatures = k,
        OutFeatures = n,
        TpDegree = tp,
        Dtype = dtype,
    };

    /// <summary>
    /// This GEMM run once per head (<paramref name="heads"/> of the same shape, one batched kernel): FLOPs, bytes and
    /// features times heads. MLA's absorbed query and value projections.
    /// </summary>
    public Operator BatchedOverHeads(int heads) => this with
    {
        Flops = Flops * heads,
        Bytes = Bytes.Scale(heads),
        InFeatures = InFeatures * heads,
        OutFeatures = OutFeatures * heads,
    };

    /// <summary>
    /// The routed experts of one MoE layer as one fused kernel (vLLM's fused_moe: gate/up GEMM, activation, down GEMM
    /// for every (token, expert) assignment): it streams the weights of every expert hit once and does one expert FFN
    /// (<paramref name="ffnPerGpu"/> wide) per assignment. The one formula the operator graph and the measured-kernel
    /// tables share.
    /// </summary>
    public static Operator FusedMoe(int layer, long tokens, long assignments, double expertsHit, long hidden, long ffnPerGpu,
        double paramsPerExpertPerGpu, DType expertDtype, double activationBytesPerElement, int tp)
    {
        // Activations: gather tokens in, gate/up output, activated intermediate, down output, weighted combine.
        double actBytes = assignments * (2.0 * hidden + 3.0 * ffnPerGpu + ffnPerGpu) * activationBytesPerElement;
        return new Operator
        {
            Kind = OpKind.MoeExperts,
            Layer = layer,
            Flops = 2.0 * assignments * 3 * hidden * ffnPerGpu + 5.0 * assignments * ffnPerGpu,
            Bytes = new HbmTraffic(0, expertsHit * paramsPerExpertPerGpu * expertDtype.BytesPerElement(), 0, 0, actBytes),
            Tokens = tokens,
            InFeatures = hidden,
            OutFeatures = ffnPerGpu,
            ExpertsHit = expertsHit,
            RoutedTokens = assignments,
            TpDegree = tp,
            Dtype = expertDtype,
        };
    }

    /// <summary>
    /// One all-to-all over <paramref name="ranks"/> GPUs in which the busiest GPU sends (or receives)
    /// <paramref name="messageBytes"/>: the message size NCCL's all-to-all is measured by (nccl-tests' size: the whole
    /// per-rank buffer), so the fitted <c>nccl:alltoall</c> curve applies. HBM: the buffer read and written once.
    /// </summary>
    public static Operator AllToAll(int layer, double messageBytes, int ranks, long tokens) => new()
    {
        Kind = OpKind.MoeAllToAll,
        Layer = layer,
        Flops = 0,
        Bytes = new HbmTraffic(0, 0, 0, 0, 2 * messageBytes),
        Tokens = tokens,
        CommBytes = messageBytes,
        TpDegree = ranks,
    };
}

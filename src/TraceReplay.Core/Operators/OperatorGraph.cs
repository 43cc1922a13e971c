using TraceReplay.Core.Models;
using TraceReplay.Core.Routing;

namespace TraceReplay.Core.Operators;

/// <summary>
/// Enumerates the operators one iteration runs on one GPU of a tensor-parallel group: for each layer in a range,
/// the attention block (MHA/GQA/sliding window/MLA) and the FFN (dense or MoE), plus embedding and LM head when
/// asked. FLOPs and HBM bytes are analytic (ideal fused kernels: each operand read once, each result written once).
/// </summary>
public sealed partial class OperatorGraph
{
    private readonly ModelSpec _model;
    private readonly int _tp;
    private readonly IRoutingModel? _routing;
    private readonly double _act;

    public OperatorGraph(ModelSpec model, int tensorParallel = 1, IRoutingModel? routing = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tensorParallel, 1);
        if (model.Mla is null && model.NumQHeads % tensorParallel != 0)
        {
            throw new ArgumentException($"{model.Name}: {model.NumQHeads} query heads do not split over TP {tensorParallel}");
        }
        _model = model;
        _tp = tensorParallel;
        _routing = routing ?? (model.Moe is { } moe ? new UniformRouting(moe.NumExperts, moe.TopK) : null);
        _act = model.ActivationBytesPerElement;
    }

    public ModelSpec Model => _model;

    /// <summary>
    /// Leave the routed experts' fused kernel out of <see cref="Build"/> (router and shared experts stay): for a replay
    /// that costs them per step and per rank itself (expert parallelism, recorded routing) with <see cref="RoutedExperts"/>.
    /// </summary>
    public bool OmitRoutedExperts { get; init; }

    public int TensorParallel => _tp;

    /// <summary>Query heads on one GPU.</summary>
    public int QHeadsPerGpu => _model.NumQHeads / _tp;

    /// <summary>KV heads on one GPU: split when there are at least TP of them, else replicated.</summary>
    public int KvHeadsPerGpu => Math.Max(1, _model.NumKvHeads / _tp);

    /// <summary>KV-cache bytes one token occupies per layer on one GPU (the MLA latent is replicated on every rank).</summary>
    public double KvBytesPerTokenPerLayer => _model.Mla is { } mla
        ? mla.CachedWidth * _model.KvBytesPerElement
        : 2.0 * KvHeadsPerGpu * _model.HeadDim * _model.KvBytesPerElement;

    /// <summary>Appends the operators of <paramref name="batch"/> over <paramref name="layers"/> to <paramref name="output"/>.</summary>
    public void Build(BatchShape batch, LayerRange layers, bool includeEmbedding, bool includeHead, List<Operator> output)
    {
        long tokens = batch.Tokens;
        if (tokens == 0)
        {
            return;
        }
        if (includeEmbedding)
        {
            output.Add(Elementwise(OpKind.Embedding, -1, tokens, _model.HiddenSize, flopsPerElement: 0, readsPerElement: 1, writesPerElement: 1));
        }
        for (int layer = layers.Start; layer < layers.End; layer++)
        {
            AddAttentionBlock(batch, layer, tokens, output);
            AddFfnBlock(layer, tokens, output);
        }
        if (includeHead)
        {
            AddHead(batch, output);
        }
    }

    /// <summary>All operators of a whole forward pass over every layer, embedding and head included.</summary>
    public List<Operator> BuildIteration(BatchShape batch)
    {
        var ops = new List<Operator>();
        Build(batch, LayerRange.All(_model.NumLayers), includeEmbedding: true, includeHead: true, ops);
        return ops;
    }

    /// <summary>A linear layer in the model's weight format, or in <paramref name="dtype"/> (unquantized router and LM head).</summary>
    private Operator Gemm(OpKind kind, int layer, long m, long k, long n, DType? dtype = null)
    {
        DType d = dtype ?? _model.WeightDtype;
        return Operator.Gemm(kind, layer, m, k, n, d.BytesPerElement(), _act, _tp, d);
    }

    private Operator Elementwise(OpKind kind, int layer, long tokens, long width, double flopsPerElement, double readsPerElement, double writesPerElement, double weightBytes = 0) => new()
    {
        Kind = kind,
        Layer = layer,
        Flops = flopsPerElement * tokens * width,
        Bytes = new HbmTraffic(weightBytes, 0, 0, 0, (readsPerElement + writesPerElement) * tokens * width * _act),
        Tokens = tokens,
        InFeatures = width,
        OutFeatures = width,
        TpDegree = _tp,
    };

    private Operator AllReduce(OpKind kind, int layer, long tokens)
    {
        double payload = tokens * (double)_model.HiddenSize * _act;
        // Ring all-reduce: each GPU reads and writes its buffer about twice.
        return new Operator
        {
            Kind = kind,
            Layer = layer,
            Flops = tokens * (double)_model.HiddenSize * (_tp - 1),
            Bytes = new HbmTraffic(0, 0, 0, 0, 4 * payload),
            Tokens = tokens,
            InFeatures = _model.HiddenSize,
            OutFeatures = _model.HiddenSize,
            CommBytes = payload,
            TpDegree = _tp,
        };
    }

    private Operator Norm(OpKind kind, int layer, long tokens) =>
        // Fused residual-add + RMSNorm: read x and residual, write both.
        Elementwise(kind, layer, tokens, _model.HiddenSize, flopsPerElement: 5, readsPerElement: 2, writesPerElement: 2,
            weightBytes: _model.HiddenSize * _model.WeightBytesPerParam);
}

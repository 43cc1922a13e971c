using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Simulation.Cost;

/// <summary>
/// The batch-dependent operators of one decoder layer (attention cores, and MLA's split-specific projections) built
/// from <see cref="AttentionAggregate"/> sums instead of per-request lists. The kernels are the graph's own
/// (<see cref="FusedAttention"/>, <see cref="Operator.BatchedOverHeads"/>); the shapes mirror
/// <c>OperatorGraph.AddAttentionBlock</c>/<c>AddMlaAttention</c>, and FastIterationCostTests check every field against
/// the graph bit for bit, so a change in the graph cannot go unnoticed here.
/// </summary>
internal sealed class AttentionOps
{
    private readonly ModelSpec _model;
    private readonly int _tp;
    private readonly double _act;
    private readonly double _kvBytes;
    private readonly int _qHeads;

    public AttentionOps(OperatorGraph graph)
    {
        _model = graph.Model;
        _tp = graph.TensorParallel;
        _act = _model.ActivationBytesPerElement;
        _kvBytes = graph.KvBytesPerTokenPerLayer;
        _qHeads = graph.QHeadsPerGpu;
    }

    /// <summary>Kinds this class builds; the rest of a layer depends only on its token count.</summary>
    public static bool IsBatchDependent(OpKind kind) => kind is OpKind.AttentionPrefill or OpKind.AttentionDecode
        or OpKind.MlaKvUp or OpKind.MlaQAbsorb or OpKind.MlaVAbsorb;

    public void Build(in AttentionAggregate a, int layer, List<Operator> output)
    {
        if (_model.Mla is { } mla)
        {
            BuildMla(a, layer, mla, output);
            return;
        }
        double pairFlops = 4.0 * _qHeads * _model.HeadDim;
        double qOut = 2.0 * _qHeads * _model.HeadDim * _act;
        AddPrefill(a, layer, pairFlops, qOut, output);
        AddDecode(a, layer, pairFlops, qOut, output);
    }

    private void BuildMla(in AttentionAggregate a, int layer, MlaSpec mla, List<Operator> output)
    {
        int heads = Math.Max(1, _model.NumQHeads / _tp);
        if (a.PrefillPieces > 0)
        {
            output.Add(Gemm(OpKind.MlaKvUp, layer, a.PrefillContext, mla.KvLoraRank, (long)heads * (mla.QkNopeDim + mla.VHeadDim), 1));
            AddPrefill(a, layer, 2.0 * heads * (mla.QkHeadDim + mla.VHeadDim), (double)heads * (mla.QkHeadDim + mla.VHeadDim) * _act, output);
        }
        if (a.Decodes > 0)
        {
            output.Add(Gemm(OpKind.MlaQAbsorb, layer, a.Decodes, mla.QkNopeDim, mla.KvLoraRank, heads));
            AddDecode(a, layer, 2.0 * heads * (mla.CachedWidth + mla.KvLoraRank), (double)heads * (mla.CachedWidth + mla.KvLoraRank) * _act, output);
            output.Add(Gemm(OpKind.MlaVAbsorb, layer, a.Decodes, mla.KvLoraRank, mla.VHeadDim, heads));
        }
    }

    private void AddPrefill(in AttentionAggregate a, int layer, double flopsPerPair, double qOutBytesPerToken, List<Operator> output)
    {
        if (a.PrefillPieces > 0)
        {
            output.Add(Kernel(flopsPerPair, qOutBytesPerToken).Prefill(layer, a.PrefillPieces, a.PrefillNewTokens, a.PrefillContext,
                a.PrefillPairs, a.PrefillCachedRead * _kvBytes));
        }
    }

    private void AddDecode(in AttentionAggregate a, int layer, double flopsPerPair, double qOutBytesPerToken, List<Operator> output)
    {
        if (a.Decodes > 0)
        {
            output.Add(Kernel(flopsPerPair, qOutBytesPerToken).Decode(layer, a.Decodes, a.DecodeContext, a.DecodePairs));
        }
    }

    private FusedAttention Kernel(double flopsPerPair, double qOutBytesPerToken) =>
        new(flopsPerPair, _kvBytes, qOutBytesPerToken, _tp, _model.KvDtype);

    /// <summary>OperatorGraph's GEMM (and its per-head batched form when <paramref name="heads"/> > 1).</summary>
    private Operator Gemm(OpKind kind, int layer, long m, long k, long n, int heads)
    {
        Operator one = Operator.Gemm(kind, layer, m, k, n, _model.WeightBytesPerParam, _act, _tp, _model.WeightDtype);
        return kind == OpKind.MlaKvUp ? one : one.BatchedOverHeads(heads);
    }
}

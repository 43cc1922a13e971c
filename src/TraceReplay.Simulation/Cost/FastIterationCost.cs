using TraceReplay.Core.Cost;
using TraceReplay.Core.Operators;
using TraceReplay.Core.Routing;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Cost;

/// <summary>
/// Iteration cost without enumerating operators per layer. A layer's operators split into a token-count part
/// (identical for every layer of the same FFN kind; memoised per token count) and an attention part (identical for
/// every layer of the same window; built from integer <see cref="AttentionSums"/> over the requests). Each part is
/// costed once and multiplied by the number of layers of its kind in each segment (decode-only layers, and the
/// prompt pieces' layers). Equal to <see cref="ReferenceIterationCost"/> up to floating-point summation order.
/// </summary>
public sealed class FastIterationCost : IIterationCostEvaluator
{
    private readonly OperatorGraph _graph;
    private readonly ICostModel _cost;
    private readonly AttentionOps _attention;
    private readonly bool _vectorized;
    private readonly bool _routingPerLayer;
    private readonly int _layers;
    private readonly int[] _windows;
    private readonly int[][] _windowPrefix;
    private readonly int[] _moePrefix;
    private readonly int[] _firstMoeLayer = new int[2];
    private readonly TokenCostMemo[] _layerMemo;
    private readonly TokenCostMemo _embedding;
    private readonly TokenCostMemo _head;
    private readonly List<Operator> _ops = [];
    private readonly BatchShape _proxy = new();
    private readonly AttentionAggregate[] _aggregates;

    /// <param name="routing">The graph's routing model; uniform/Zipf are layer-invariant, others are costed per layer.</param>
    public FastIterationCost(OperatorGraph graph, ICostModel cost, IRoutingModel? routing, bool vectorized)
    {
        _graph = graph;
        _cost = cost;
        _vectorized = vectorized;
        _attention = new AttentionOps(graph);
        _routingPerLayer = routing is not null and not UniformRouting and not ZipfRouting;
        var model = graph.Model;
        _layers = model.NumLayers;
        _windows = [.. model.SlidingWindowTokens.Distinct().Order()];
        _windowPrefix = new int[_windows.Length][];
        _moePrefix = new int[_layers + 1];
        _firstMoeLayer[0] = _firstMoeLayer[1] = -1;
        for (int w = 0; w < _windows.Length; w++)
        {
            _windowPrefix[w] = new int[_layers + 1];
        }
        for (int l = 0; l < _layers; l++)
        {
            bool moe = model.MoeLayers[l] && model.Moe is not null;
            _moePrefix[l + 1] = _moePrefix[l] + (moe ? 1 : 0);
            int kind = moe ? 1 : 0;
            if (_firstMoeLayer[kind] < 0)
            {
                _firstMoeLayer[kind] = l;
            }
            for (int w = 0; w < _windows.Length; w++)
            {
                _windowPrefix[w][l + 1] = _windowPrefix[w][l] + (model.SlidingWindowTokens[l] == _windows[w] ? 1 : 0);
            }
        }
        _layerMemo = [new TokenCostMemo(t => TokenPart(_firstMoeLayer[0], t)), new TokenCostMemo(t => TokenPart(_firstMoeLayer[1], t))];
        _embedding = new TokenCostMemo(t => HeadOrEmbedding(t, embedding: true));
        _head = new TokenCostMemo(t => HeadOrEmbedding(t, embedding: false));
        _aggregates = new AttentionAggregate[_windows.Length];
    }

    public IterationCost Evaluate(IterationPlan plan)
    {
        int decodes = plan.DecodeCount, prefill = plan.PrefillTokens;
        ComputeAggregates(plan);
        IterationCost total = IterationCostMath.Add(
            _embedding.Get(decodes + (plan.PrefillEmbeds ? prefill : 0)), _head.Get(plan.SampledTokens));
        if (plan.PieceCount == 0)
        {
            return IterationCostMath.Add(total, Segment(0, _layers, decodes, withPrefill: false));
        }
        LayerRange g = plan.PrefillLayers;
        total = IterationCostMath.Add(total, Segment(0, g.Start, decodes, withPrefill: false));
        total = IterationCostMath.Add(total, Segment(g.Start, g.End, decodes + prefill, withPrefill: true));
        return IterationCostMath.Add(total, Segment(g.End, _layers, decodes, withPrefill: false));
    }

    private IterationCost Segment(int start, int end, int tokens, bool withPrefill)
    {
        IterationCost total = default;
        if (tokens == 0 || end <= start)
        {
            return total;
        }
        int moe = _moePrefix[end] - _moePrefix[start];
        int dense = end - start - moe;
        if (dense > 0)
        {
            total = IterationCostMath.Times(_layerMemo[0].Get(tokens), dense);
        }
        if (moe > 0 && !_routingPerLayer)
        {
            total = IterationCostMath.Add(total, IterationCostMath.Times(_layerMemo[1].Get(tokens), moe));
        }
        else if (moe > 0)
        {
            for (int l = start; l < end; l++)
            {
                if (_moePrefix[l + 1] > _moePrefix[l])
                {
                    total = IterationCostMath.Add(total, TokenPart(l, tokens));
                }
            }
        }
        for (int w = 0; w < _windows.Length; w++)
        {
            int count = _windowPrefix[w][end] - _windowPrefix[w][start];
            if (count == 0)
            {
                continue;
            }
            AttentionAggregate a = withPrefill ? _aggregates[w] : _aggregates[w].DecodeOnly;
            _ops.Clear();
            _attention.Build(a, start, _ops);
            total = IterationCostMath.Add(total, IterationCostMath.Times(IterationCost.Sum(_cost, _ops), count));
        }
        return total;
    }

    private void ComputeAggregates(IterationPlan plan)
    {
        long offsets = 0;
        if (plan.PieceCount > 0)
        {
            AttentionSums.Prefill(plan.PieceTokens, plan.PieceOffsets, 0, _vectorized, out _, out offsets);
        }
        long prefillContext = offsets + plan.PrefillTokens;
        for (int w = 0; w < _windows.Length; w++)
        {
            AttentionSums.Decode(plan.DecodeCached, _windows[w], _vectorized, out long dPairs, out long dContext);
            long pPairs = 0, pRead = 0;
            if (plan.PieceCount > 0)
            {
                AttentionSums.Prefill(plan.PieceTokens, plan.PieceOffsets, _windows[w], _vectorized, out pPairs, out pRead);
            }
            _aggregates[w] = new AttentionAggregate(plan.PieceCount, plan.PrefillTokens, prefillContext, pPairs, pRead,
                plan.DecodeCount, dContext, dPairs);
        }
    }

    /// <summary>Cost of a layer's token-count-only operators: one proxy prompt of that many tokens, attention removed.</summary>
    private IterationCost TokenPart(int layer, int tokens)
    {
        _proxy.Clear();
        _proxy.AddPrefill(tokens, 0, emitsToken: false);
        _ops.Clear();
        _graph.Build(_proxy, new LayerRange(layer, layer + 1), false, false, _ops);
        _ops.RemoveAll(o => AttentionOps.IsBatchDependent(o.Kind));
        return IterationCost.Sum(_cost, _ops);
    }

    private IterationCost HeadOrEmbedding(int tokens, bool embedding)
    {
        _proxy.Clear();
        if (embedding)
        {
            _proxy.AddPrefill(tokens, 0, emitsToken: false);
        }
        else
        {
            _proxy.AddDecodes(tokens, 0);
        }
        _ops.Clear();
        _graph.Build(_proxy, new LayerRange(0, 0), includeEmbedding: embedding, includeHead: !embedding, _ops);
        return IterationCost.Sum(_cost, _ops);
    }
}

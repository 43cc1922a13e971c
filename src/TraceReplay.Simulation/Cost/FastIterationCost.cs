using TraceReplay.Core.Cost;
using TraceReplay.Core.Operators;
using TraceReplay.Core.Routing;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Cost;

/// <summary>
/// Iteration cost without enumerating operators per layer. A layer's operators split into a token-count part
/// (identical for every layer of the same FFN kind; memoised per token count) and an attention part (identical for
/// every layer of the same window; built from integer <see cref="AttentionSums"/> over the requests). Each part is
/// costed once per segment (decode-only layers, and the prompt pieces' layers) and added layer by layer in the
/// reference's order, so the result equals <see cref="ReferenceIterationCost"/> bit for bit.
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
    private readonly int[] _layerKind;   // 0 dense FFN, 1 MoE
    private readonly int[] _layerWindow; // index into _windows
    private readonly IterationCost[] _tokenPart = new IterationCost[2];
    private readonly IterationCost[] _attentionPart;

    /// <param name="routing">The graph's routing model; a layer-invariant one is costed once for all MoE layers, others per layer.</param>
    public FastIterationCost(OperatorGraph graph, ICostModel cost, IRoutingModel? routing, bool vectorized)
    {
        _graph = graph;
        _cost = cost;
        _vectorized = vectorized;
        _attention = new AttentionOps(graph);
        _routingPerLayer = routing is { LayerInvariant: false };
        var model = graph.Model;
        _layers = model.NumLayers;
        _windows = [.. model.SlidingWindowTokens.Distinct().Order()];
        _windowPrefix = new int[_windows.Length][];
        _moePrefix = new int[_layers + 1];
        _firstMoeLayer[0] = _firstMoeLayer[1] = -1;
        _layerKind = new int[_layers];
        _layerWindow = new int[_layers];
        _attentionPart = new IterationCost[_windows.Length];
        for (int w = 0; w < _windows.Length; w++)
        {
            _windowPrefix[w] = new int[_layers + 1];
        }
        for (int l = 0; l < _layers; l++)
        {
            bool moe = model.MoeLayers[l] && model.Moe is not null;
            _moePrefix[l + 1] = _moePrefix[l] + (moe ? 1 : 0);
            int kind = moe ? 1 : 0;
            _layerKind[l] = kind;
            _layerWindow[l] = Array.IndexOf(_windows, model.SlidingWindowTokens[l]);
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
        IterationCost total = _embedding.Get(decodes + (plan.PrefillEmbeds ? prefill : 0));
        if (plan.PieceCount == 0)
        {
            total = Layers(total, 0, _layers, decodes, withPrefill: false);
        }
        else
        {
            LayerRange g = plan.PrefillLayers;
            total = Layers(total, 0, g.Start, decodes, withPrefill: false);
            total = Layers(total, g.Start, g.End, decodes + prefill, withPrefill: true);
            total = Layers(total, g.End, _layers, decodes, withPrefill: false);
        }
        return IterationCostMath.Add(total, _head.Get(plan.SampledTokens));
    }

    /// <summary>
    /// Adds layers [start, end) to <paramref name="total"/> one by one, each as its token part then its attention part:
    /// the summation order of <see cref="ReferenceIterationCost"/>, so both give the same bits. Each part is costed
    /// once per segment; the per-layer loop is two additions per layer.
    /// </summary>
    private IterationCost Layers(IterationCost total, int start, int end, int tokens, bool withPrefill)
    {
        if (tokens == 0 || end <= start)
        {
            return total;
        }
        int moe = _moePrefix[end] - _moePrefix[start];
        _tokenPart[0] = end - start - moe > 0 ? _layerMemo[0].Get(tokens) : default;
        _tokenPart[1] = moe > 0 && !_routingPerLayer ? _layerMemo[1].Get(tokens) : default;
        for (int w = 0; w < _windows.Length; w++)
        {
            if (_windowPrefix[w][end] - _windowPrefix[w][start] == 0)
            {
                continue;
            }
            AttentionAggregate a = withPrefill ? _aggregates[w] : _aggregates[w].DecodeOnly;
            _ops.Clear();
            _attention.Build(a, start, _ops);
            _attentionPart[w] = IterationCost.Sum(_cost, _ops);
        }
        for (int l = start; l < end; l++)
        {
            int kind = _layerKind[l];
            IterationCost token = kind == 1 && _routingPerLayer ? TokenPart(l, tokens) : _tokenPart[kind];
            total = IterationCostMath.Add(IterationCostMath.Add(total, token), _attentionPart[_layerWindow[l]]);
        }
        return total;
    }

    private void ComputeAggregates(IterationPlan plan)
    {
        long offsets = 0, fullPairs = 0;
        if (plan.PieceCount > 0)
        {
            AttentionSums.Prefill(plan.PieceTokens, plan.PieceOffsets, 0, _vectorized, out fullPairs, out offsets);
        }
        long prefillContext = offsets + plan.PrefillTokens;
        for (int w = 0; w < _windows.Length; w++)
        {
            AttentionSums.Decode(plan.DecodeCached, _windows[w], _vectorized, out long dPairs, out long dContext);
            long pPairs = 0, pRead = 0;
            if (plan.PieceCount > 0 && _windows[w] == 0)
            {
                (pPairs, pRead) = (fullPairs, offsets); // full attention: the sums above
            }
            else if (plan.PieceCount > 0)
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

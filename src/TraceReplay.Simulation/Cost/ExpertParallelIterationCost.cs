using TraceReplay.Core.Cost;
using TraceReplay.Core.Operators;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Cost;

/// <summary>
/// Iteration cost of an expert-parallel group (N GPUs, data-parallel attention) or of recorded routing. Each rank runs
/// attention and the dense operators over its own batch (the dense evaluator, whose graph omits the routed experts),
/// and the step waits for the slowest rank. Per MoE layer, the step's tokens are dispatched to their experts' ranks by
/// an all-to-all, each rank runs its experts' fused kernel over the assignments it received
/// (<see cref="ExpertRankLoads"/>), the slowest rank sets the layer's time, and a second all-to-all combines the
/// outputs. Bytes and FLOPs are per-GPU means, so the instance scales them by its GPUs. With N = 1 (recorded routing
/// without EP) there is no all-to-all.
/// </summary>
public sealed class ExpertParallelIterationCost : IIterationCostEvaluator
{
    private readonly IIterationCostEvaluator _dense;
    private readonly OperatorGraph _graph;
    private readonly ICostModel _cost;
    private readonly ExpertRankLoads _loads;
    private readonly int _ranks;
    private readonly int _topK;
    private readonly double _tokenBytes;
    private readonly long[] _load;
    private readonly double[] _hit;
    private readonly IterationPlan[] _single = new IterationPlan[1];
    private long _step;

    public ExpertParallelIterationCost(IIterationCostEvaluator dense, OperatorGraph graph, ICostModel cost, ExpertRankLoads loads)
    {
        if (!graph.OmitRoutedExperts)
        {
            throw new ArgumentException("the dense evaluator's graph must omit the routed experts (they are costed here)", nameof(graph));
        }
        _dense = dense;
        _graph = graph;
        _cost = cost;
        _loads = loads;
        _ranks = loads.Ranks;
        _topK = graph.Model.Moe!.TopK;
        _tokenBytes = graph.Model.HiddenSize * graph.Model.ActivationBytesPerElement;
        _load = new long[_ranks];
        _hit = new double[_ranks];
    }

    /// <summary>The last step's load imbalance: mean over its MoE layers of max-rank / mean-rank assignments (1 = balanced); NaN with one rank.</summary>
    public double LastImbalance { get; private set; } = double.NaN;

    /// <summary>One rank (recorded routing without expert parallelism).</summary>
    public IterationCost Evaluate(IterationPlan plan)
    {
        _single[0] = plan;
        return Evaluate(_single);
    }

    /// <summary>One step of every rank's batch (empty ones included: they still join the all-to-alls).</summary>
    public IterationCost Evaluate(IReadOnlyList<IterationPlan> ranks)
    {
        if (ranks.Count != _ranks)
        {
            throw new ArgumentException($"expected {_ranks} rank batches, got {ranks.Count}", nameof(ranks));
        }
        IterationCost dense = _ranks == 1 ? _dense.Evaluate(ranks[0]) : SlowestRank(ranks);
        IterationCost moe = RoutedExperts(ranks);
        _step++;
        return IterationCostMath.Add(dense, moe);
    }

    private IterationCost SlowestRank(IReadOnlyList<IterationPlan> ranks)
    {
        double latency = 0, flops = 0;
        HbmTraffic bytes = default;
        foreach (IterationPlan p in ranks)
        {
            if (p.IsEmpty)
            {
                continue;
            }
            IterationCost c = _dense.Evaluate(p);
            latency = Math.Max(latency, c.LatencyUs);
            bytes += c.Bytes;
            flops += c.Flops;
        }
        return new IterationCost(latency, bytes.Scale(1.0 / _ranks), flops / _ranks);
    }

    /// <summary>Tokens a rank sends through MoE layer <paramref name="layer"/>: its decodes, plus its prompt pieces where they pass.</summary>
    private static long LayerTokens(IterationPlan plan, int layer) =>
        plan.DecodeCount + (plan.PieceCount > 0 && layer >= plan.PrefillLayers.Start && layer < plan.PrefillLayers.End ? plan.PrefillTokens : 0);

    private IterationCost RoutedExperts(IReadOnlyList<IterationPlan> ranks)
    {
        var model = _graph.Model;
        double latency = 0, flops = 0, imbalance = 0;
        int layersWithTokens = 0;
        HbmTraffic bytes = default;
        for (int layer = 0; layer < model.NumLayers; layer++)
        {
            if (!model.MoeLayers[layer])
            {
                continue;
            }
            long tokens = 0, maxSent = 0;
            foreach (IterationPlan p in ranks)
            {
                long t = LayerTokens(p, layer);
                tokens += t;
                maxSent = Math.Max(maxSent, t * _topK);
            }
            if (tokens == 0)
            {
                continue;
            }
            _loads.Compute(_step, layer, tokens, _load, _hit);
            double slowest = 0;
            long maxLoad = 0;
            for (int r = 0; r < _ranks; r++)
            {
                Operator op = _graph.RoutedExperts(layer, Math.Min(tokens, _load[r]), _load[r], _hit[r]);
                OpCost c = _cost.Estimate(op);
                slowest = Math.Max(slowest, c.LatencyUs);
                maxLoad = Math.Max(maxLoad, _load[r]);
                bytes += Scaled(op, c);
                flops += op.Flops;
            }
            latency += slowest;
            if (_ranks > 1)
            {
                // The busiest rank sends its own tokens' copies or receives its experts' assignments, whichever is more.
                Operator a2a = Operator.AllToAll(layer, Math.Max(maxSent, maxLoad) * _tokenBytes, _ranks, tokens);
                OpCost c = _cost.Estimate(a2a);
                latency += 2 * c.LatencyUs;
                bytes += Scaled(a2a, c).Scale(2.0 * _ranks);
                imbalance += maxLoad / (tokens * (double)_topK / _ranks);
                layersWithTokens++;
            }
        }
        LastImbalance = layersWithTokens > 0 ? imbalance / layersWithTokens : double.NaN;
        return new IterationCost(latency, bytes.Scale(1.0 / _ranks), flops / _ranks);
    }

    private static HbmTraffic Scaled(in Operator op, in OpCost c) =>
        op.Bytes.TotalBytes > 0 ? op.Bytes.Scale(c.HbmBytes / op.Bytes.TotalBytes) : op.Bytes;
}

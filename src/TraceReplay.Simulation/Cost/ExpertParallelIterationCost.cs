using TraceReplay.Core.Cost;
using TraceReplay.Core.Operators;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Cost;

/// <summary>
/// Iteration cost of an expert-parallel group (N GPUs, data-parallel attention) or of recorded routing. Each request
/// belongs to DP rank (slot mod N); each rank runs attention and the dense operators over its own requests (the
/// <paramref name="dense"/> evaluator, whose graph omits the routed experts), and the step waits for the slowest rank.
/// Per MoE layer, the step's tokens are dispatched to their experts' ranks by an all-to-all, each rank runs its
/// experts' fused kernel over the assignments it received (<see cref="ExpertRankLoads"/>), the slowest rank sets the
/// layer's time, and a second all-to-all combines the outputs. Bytes and FLOPs are per-GPU means, so the instance
/// scales them by its GPUs. With N = 1 (recorded routing without EP) there is no all-to-all and no split.
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
    private readonly IterationPlan[] _rankPlans;
    private readonly long[] _load;
    private readonly double[] _hit;
    private readonly long[] _rankDecodes;
    private readonly long[] _rankPrefill;
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
        _rankPlans = [.. Enumerable.Range(0, _ranks).Select(_ => new IterationPlan())];
        _load = new long[_ranks];
        _hit = new double[_ranks];
        _rankDecodes = new long[_ranks];
        _rankPrefill = new long[_ranks];
    }

    /// <summary>The last step's load imbalance: mean over its MoE layers of max-rank / mean-rank assignments (1 = balanced).</summary>
    public double LastImbalance { get; private set; } = double.NaN;

    public IterationCost Evaluate(IterationPlan plan)
    {
        IterationCost dense = _ranks == 1 ? _dense.Evaluate(plan) : SlowestRank(plan);
        IterationCost moe = RoutedExperts(plan);
        _step++;
        return IterationCostMath.Add(dense, moe);
    }

    private IterationCost SlowestRank(IterationPlan plan)
    {
        Split(plan);
        double latency = 0, flops = 0;
        HbmTraffic bytes = default;
        foreach (IterationPlan p in _rankPlans)
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

    private void Split(IterationPlan plan)
    {
        Array.Clear(_rankDecodes);
        Array.Clear(_rankPrefill);
        foreach (IterationPlan p in _rankPlans)
        {
            p.Reset(_graph.Model.NumLayers);
            p.PrefillLayers = plan.PrefillLayers;
            p.GroupIndex = plan.GroupIndex;
            p.GroupCount = plan.GroupCount;
            p.PrefillCommits = plan.PrefillCommits;
            p.PrefillEmbeds = plan.PrefillEmbeds;
        }
        for (int i = 0; i < plan.DecodeCount; i++)
        {
            int r = plan.DecodeSlots[i] % _ranks;
            _rankPlans[r].AddDecode(plan.DecodeSlots[i], plan.DecodeCached[i]);
            _rankDecodes[r]++;
        }
        for (int i = 0; i < plan.PieceCount; i++)
        {
            int r = plan.PieceSlots[i] % _ranks;
            _rankPlans[r].AddPiece(plan.PieceSlots[i], plan.PieceTokens[i], plan.PieceOffsets[i], plan.PieceEmits[i]);
            _rankPrefill[r] += plan.PieceTokens[i];
        }
    }

    private IterationCost RoutedExperts(IterationPlan plan)
    {
        var model = _graph.Model;
        double latency = 0, flops = 0, imbalance = 0;
        int layersWithTokens = 0;
        HbmTraffic bytes = default;
        LayerRange prefillLayers = plan.PieceCount > 0 ? plan.PrefillLayers : new LayerRange(0, 0);
        for (int layer = 0; layer < model.NumLayers; layer++)
        {
            if (!model.MoeLayers[layer])
            {
                continue;
            }
            bool withPrefill = layer >= prefillLayers.Start && layer < prefillLayers.End;
            long tokens = plan.DecodeCount + (withPrefill ? plan.PrefillTokens : 0);
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
                long maxSent = 0;
                for (int r = 0; r < _ranks; r++)
                {
                    maxSent = Math.Max(maxSent, (_rankDecodes[r] + (withPrefill ? _rankPrefill[r] : 0)) * _topK);
                }
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

using TraceReplay.Core.Models;
using TraceReplay.Core.Routing;

namespace TraceReplay.Simulation.Cost;

/// <summary>
/// How one step's (token, expert) assignments of an MoE layer fall on the expert-parallel ranks, and how many distinct
/// experts each rank streams. Rank r holds experts [r E/N, (r+1) E/N), as vLLM and SGLang place them without EPLB.
/// Recorded routing splits T x k by the recorded step's per-rank shares (largest remainder: deterministic); a routing
/// model draws the split from its per-expert probabilities (seeded multinomial), so finite batches show the imbalance
/// that real routing has. Distinct experts hit on a rank are the expectation under the inclusion probabilities.
/// </summary>
public sealed class ExpertRankLoads
{
    private readonly RecordedRouting? _recorded;
    private readonly int _ranks;
    private readonly int _perRank;
    private readonly int _topK;
    private readonly double[]?[] _rankShare;
    private readonly double[]?[] _logMiss;
    private readonly double[] _weights;
    private readonly Random _rng;
    // Model routing: expected distinct experts per rank depend only on (layer, tokens); memoised.
    private readonly Dictionary<long, double[]>?[] _hitMemo;

    public ExpertRankLoads(IRoutingModel routing, ModelSpec model, int ranks, int seed)
    {
        MoeSpec moe = model.Moe ?? throw new ArgumentException($"{model.Name} has no routed experts");
        if (moe.NumExperts % ranks != 0)
        {
            throw new ArgumentException($"--ep {ranks} must divide {model.Name}'s {moe.NumExperts} experts");
        }
        _recorded = routing as RecordedRouting;
        _ranks = ranks;
        _perRank = moe.NumExperts / ranks;
        _topK = moe.TopK;
        _weights = new double[ranks];
        _rng = new Random(seed);
        _rankShare = new double[model.NumLayers][];
        _logMiss = new double[model.NumLayers][];
        _hitMemo = new Dictionary<long, double[]>?[model.NumLayers];
        for (int l = 0; l < model.NumLayers; l++)
        {
            if (!model.MoeLayers[l] || _recorded is not null)
            {
                continue;
            }
            double[] pi = routing.InclusionProbabilities(l);
            _logMiss[l] = RoutingMath.LogMiss(pi);
            double[] share = new double[ranks];
            for (int e = 0; e < pi.Length; e++)
            {
                share[e / _perRank] += pi[e] / _topK;
            }
            _rankShare[l] = share;
            _hitMemo[l] = [];
        }
    }

    public int Ranks => _ranks;

    /// <summary>
    /// Fills <paramref name="loads"/> (assignments per rank, summing to <paramref name="tokens"/> x k) and
    /// <paramref name="expertsHit"/> (expected distinct experts per rank) for one layer of replay step <paramref name="step"/>.
    /// </summary>
    public void Compute(long step, int layer, long tokens, Span<long> loads, Span<double> expertsHit)
    {
        long assignments = tokens * _topK;
        if (_recorded is not null)
        {
            ReadOnlySpan<long> counts = _recorded.RecordedCounts(step, layer);
            double[] pi = _recorded.InclusionProbabilities(step, layer);
            Array.Clear(_weights);
            for (int e = 0; e < counts.Length; e++)
            {
                _weights[e / _perRank] += counts[e];
            }
            Apportionment.Split(assignments, _weights, loads);
            for (int r = 0; r < _ranks; r++)
            {
                double hit = 0;
                for (int e = r * _perRank; e < (r + 1) * _perRank; e++)
                {
                    hit += pi[e] >= 1 ? 1 : -double.ExpM1(Math.Log(1 - pi[e]) * tokens);
                }
                expertsHit[r] = tokens > 0 ? hit : 0;
            }
            return;
        }
        if (_ranks == 1)
        {
            loads[0] = assignments;
        }
        else
        {
            Multinomial.Sample(_rng, assignments, _rankShare[layer], loads);
        }
        if (!_hitMemo[layer]!.TryGetValue(tokens, out double[]? hits))
        {
            double[] logMiss = _logMiss[layer]!;
            hits = new double[_ranks];
            for (int r = 0; r < _ranks; r++)
            {
                hits[r] = RoutingMath.ExpectedDistinct(logMiss.AsSpan(r * _perRank, _perRank), tokens);
            }
            _hitMemo[layer]![tokens] = hits;
        }
        hits.CopyTo(expertsHit);
    }
}

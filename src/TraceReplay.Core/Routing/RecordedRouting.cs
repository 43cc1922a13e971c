using TraceReplay.Core.Models;

namespace TraceReplay.Core.Routing;

/// <summary>
/// Expert loads recorded from a real run (read by <c>TraceReplay.Parquet.Routing.RecordedRoutingReader</c>): per recorded step and MoE layer, the
/// tokens each expert received. Replay step s uses recorded step s mod <see cref="Steps"/> (the recording cycles when
/// the replay runs longer), taking its per-expert shares: a replay step of T tokens sends T x k assignments to the
/// experts in those proportions, and expert e is among a token's top-k with probability min(1, c x share) (water-filled
/// to sum to k). Without a step (the step-less <see cref="IRoutingModel"/> calls), the shares are pooled over all steps.
/// </summary>
public sealed class RecordedRouting : IRoutingModel
{
    private readonly long[][][] _counts;
    private readonly int[] _moeIndex;
    private readonly int _topK;
    private readonly double[][] _pooledInclusion;
    private readonly double[][][] _inclusion;

    internal RecordedRouting(string path, ModelSpec model, long[][][] countsByStepAndMoeLayer)
    {
        Path = path;
        _counts = countsByStepAndMoeLayer;
        _topK = model.Moe!.TopK;
        _moeIndex = new int[model.NumLayers];
        int m = 0;
        for (int l = 0; l < model.NumLayers; l++)
        {
            _moeIndex[l] = model.MoeLayers[l] ? m++ : -1;
        }
        _inclusion = new double[_counts.Length][][];
        for (int s = 0; s < _counts.Length; s++)
        {
            _inclusion[s] = new double[m][];
        }
        _pooledInclusion = new double[m][];
        for (int i = 0; i < m; i++)
        {
            double[] pooled = new double[model.Moe.NumExperts];
            foreach (long[][] step in _counts)
            {
                double total = step[i].Sum();
                for (int e = 0; e < pooled.Length; e++)
                {
                    pooled[e] += step[i][e] / total;
                }
            }
            _pooledInclusion[i] = RoutingMath.InclusionProbabilities(pooled, _topK);
        }
    }

    public string Path { get; }

    public string Spec => "recorded:" + Path;

    /// <summary>Recorded steps (distinct <c>step</c> values, in ascending order).</summary>
    public int Steps => _counts.Length;

    /// <summary>Every MoE layer has its own recorded loads.</summary>
    public bool LayerInvariant => false;

    /// <summary>The recorded step a replay step replays (cycling).</summary>
    public int RecordedStep(long replayStep) => (int)(replayStep % _counts.Length);

    /// <summary>Tokens each expert received in <paramref name="layer"/> at the recorded step replay step <paramref name="step"/> maps to.</summary>
    public ReadOnlySpan<long> RecordedCounts(long step, int layer) => _counts[RecordedStep(step)][MoeIndex(layer)];

    public double ExpectedDistinctExperts(int layer, long tokens) =>
        RoutingMath.ExpectedDistinct(RoutingMath.LogMiss(_pooledInclusion[MoeIndex(layer)]), tokens);

    public double[] InclusionProbabilities(int layer) => [.. _pooledInclusion[MoeIndex(layer)]];

    /// <summary>Per-expert top-k inclusion probabilities at a replay step (cached per recorded step and layer).</summary>
    public double[] InclusionProbabilities(long step, int layer)
    {
        int s = RecordedStep(step), m = MoeIndex(layer);
        return _inclusion[s][m] ??= RoutingMath.InclusionProbabilities([.. _counts[s][m].Select(c => (double)c)], _topK);
    }

    /// <summary>The T x k assignments of a replay step of <paramref name="tokens"/> tokens, split over the experts by the recorded shares.</summary>
    public void ExpertTokens(long step, int layer, long tokens, Span<long> perExpert)
    {
        ReadOnlySpan<long> counts = RecordedCounts(step, layer);
        double[] weights = new double[counts.Length];
        for (int e = 0; e < weights.Length; e++)
        {
            weights[e] = counts[e];
        }
        Apportionment.Split(tokens * _topK, weights, perExpert);
    }

    private int MoeIndex(int layer) => _moeIndex[layer] >= 0 ? _moeIndex[layer]
        : throw new ArgumentOutOfRangeException(nameof(layer), $"layer {layer} is not an MoE layer");
}

namespace TraceReplay.Core.Routing;

/// <summary>
/// Skewed routing: expert popularity follows a Zipf law with exponent S, over a seeded per-layer ranking of the
/// experts. Per token, expert i is selected with inclusion probability pi_i = min(1, c * p_i), c chosen so the
/// pi sum to k (top-k without replacement, water-filled); T tokens hit sum_i 1 - (1 - pi_i)^T distinct experts
/// in expectation. S = 0 reduces exactly to <see cref="UniformRouting"/>.
/// </summary>
public sealed class ZipfRouting : IRoutingModel
{
    private readonly double[] _logMiss;
    private readonly double[] _inclusionByRank;
    private readonly int[][] _rankOfExpert;

    public ZipfRouting(int numExperts, int topK, double exponent, int layers, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        Exponent = exponent;
        double[] inclusion = InclusionProbabilities(numExperts, topK, exponent);
        _logMiss = RoutingMath.LogMiss(inclusion);
        _inclusionByRank = inclusion;
        _rankOfExpert = RoutingMath.LayerPermutations(numExperts, layers, seed);
    }

    public double Exponent { get; }

    public string Spec => FormattableString.Invariant($"zipf:{Exponent:0.###}");

    /// <summary>Popularity rank (0 = most popular) of an expert in a layer: the seeded per-layer permutation.</summary>
    public int RankOf(int layer, int expert) => _rankOfExpert[layer][expert];

    public double ExpectedDistinctExperts(int layer, long tokens)
    {
        return RoutingMath.ExpectedDistinct(_logMiss, tokens);
    }

    /// <summary>The per-layer permutation moves which experts are popular, not how many distinct ones are hit.</summary>
    public bool LayerInvariant => true;

    public double[] InclusionProbabilities(int layer) => [.. _rankOfExpert[layer].Select(rank => _inclusionByRank[rank])];

    internal static double[] InclusionProbabilities(int numExperts, int topK, double exponent) =>
        RoutingMath.InclusionProbabilities([.. Enumerable.Range(1, numExperts).Select(r => Math.Pow(r, -exponent))], topK);
}

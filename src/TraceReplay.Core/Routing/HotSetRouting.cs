using System.Globalization;

namespace TraceReplay.Core.Routing;

/// <summary>
/// Two-tier skew: <see cref="HotExperts"/> experts per layer share <see cref="HotShare"/> of all routing mass evenly,
/// the others share the rest; which experts are hot is a seeded per-layer choice (it matters only to expert
/// parallelism, which places experts by id). Fits measured expert coverage
/// better than a single Zipf exponent (see <see cref="RoutingSkewFit"/>).
/// </summary>
public sealed class HotSetRouting : IRoutingModel
{
    private readonly double[] _logMiss;
    private readonly double[] _inclusion;
    private readonly int[][] _hotFirstOrder;

    public HotSetRouting(int numExperts, int topK, int hotExperts, double hotShare, int layers = 1, int seed = 0)
    {
        if (hotExperts < 1 || hotExperts >= numExperts)
        {
            throw new ArgumentOutOfRangeException(nameof(hotExperts), $"hot experts must be in 1..{numExperts - 1}");
        }
        if (hotShare <= 0 || hotShare >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(hotShare), "hot share must be in (0, 1)");
        }
        HotExperts = hotExperts;
        HotShare = hotShare;
        double[] weight = new double[numExperts];
        for (int i = 0; i < numExperts; i++)
        {
            weight[i] = i < hotExperts ? hotShare / hotExperts : (1 - hotShare) / (numExperts - hotExperts);
        }
        _inclusion = RoutingMath.InclusionProbabilities(weight, topK);
        _logMiss = RoutingMath.LogMiss(_inclusion);
        _hotFirstOrder = RoutingMath.LayerPermutations(numExperts, layers, seed);
    }

    public int HotExperts { get; }

    public double HotShare { get; }

    public string Spec => string.Create(CultureInfo.InvariantCulture, $"hot:{HotExperts}:{HotShare:0.####}");

    public double ExpectedDistinctExperts(int layer, long tokens) => RoutingMath.ExpectedDistinct(_logMiss, tokens);

    /// <summary>Which experts are hot differs per layer, but not how many tokens they draw: the count is the same.</summary>
    public bool LayerInvariant => true;

    /// <summary>Expert e of a layer takes the popularity of position <c>perm[e]</c> (positions below H are hot).</summary>
    public double[] InclusionProbabilities(int layer) => [.. _hotFirstOrder[layer].Select(position => _inclusion[position])];
}

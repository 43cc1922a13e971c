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
    private readonly int[][] _rankOfExpert;

    public ZipfRouting(int numExperts, int topK, double exponent, int layers, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        Exponent = exponent;
        double[] inclusion = InclusionProbabilities(numExperts, topK, exponent);
        _logMiss = [.. inclusion.Select(p => p >= 1 ? double.NegativeInfinity : Math.Log(1 - p))];
        var rng = new Random(seed);
        _rankOfExpert = new int[layers][];
        for (int l = 0; l < layers; l++)
        {
            int[] ranks = [.. Enumerable.Range(0, numExperts)];
            rng.Shuffle(ranks);
            _rankOfExpert[l] = ranks;
        }
    }

    public double Exponent { get; }

    public string Spec => FormattableString.Invariant($"zipf:{Exponent:0.###}");

    /// <summary>Popularity rank (0 = most popular) of an expert in a layer: the seeded per-layer permutation.</summary>
    public int RankOf(int layer, int expert) => _rankOfExpert[layer][expert];

    public double ExpectedDistinctExperts(int layer, long tokens)
    {
        if (tokens <= 0)
        {
            return 0;
        }
        double sum = 0;
        foreach (double logMiss in _logMiss)
        {
            sum += double.IsNegativeInfinity(logMiss) ? 1 : -double.ExpM1(logMiss * tokens);
        }
        return sum;
    }

    internal static double[] InclusionProbabilities(int numExperts, int topK, double exponent)
    {
        double[] weight = [.. Enumerable.Range(1, numExperts).Select(r => Math.Pow(r, -exponent))];
        double[] pi = new double[numExperts];
        bool[] capped = new bool[numExperts];
        double remaining = topK;
        // Water-filling: cap at 1 the experts whose scaled share exceeds 1, spread the rest proportionally.
        for (int iter = 0; iter < numExperts; iter++)
        {
            double free = 0;
            for (int i = 0; i < numExperts; i++)
            {
                free += capped[i] ? 0 : weight[i];
            }
            bool changed = false;
            for (int i = 0; i < numExperts; i++)
            {
                if (!capped[i] && remaining * weight[i] / free >= 1)
                {
                    capped[i] = true;
                    remaining -= 1;
                    changed = true;
                }
            }
            if (!changed)
            {
                for (int i = 0; i < numExperts; i++)
                {
                    pi[i] = capped[i] ? 1 : remaining * weight[i] / free;
                }
                return pi;
            }
        }
        return pi;
    }
}

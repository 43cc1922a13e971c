namespace TraceReplay.Core.Routing;

/// <summary>Shared arithmetic of popularity-based routing models.</summary>
public static class RoutingMath
{
    /// <summary>
    /// Per-token inclusion probabilities of top-k selection with popularity weights: pi_i = min(1, c w_i) with c
    /// chosen so the pi sum to k (water-filling: experts whose share would exceed 1 are capped, the rest rescaled).
    /// </summary>
    public static double[] InclusionProbabilities(double[] weight, int topK)
    {
        int n = weight.Length;
        double[] pi = new double[n];
        bool[] capped = new bool[n];
        double remaining = topK;
        for (int iter = 0; iter <= n; iter++)
        {
            double free = 0;
            for (int i = 0; i < n; i++)
            {
                free += capped[i] ? 0 : weight[i];
            }
            bool changed = false;
            for (int i = 0; i < n; i++)
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
                break;
            }
        }
        double freeWeight = 0;
        for (int i = 0; i < n; i++)
        {
            freeWeight += capped[i] ? 0 : weight[i];
        }
        for (int i = 0; i < n; i++)
        {
            pi[i] = capped[i] ? 1 : remaining * weight[i] / freeWeight;
        }
        return pi;
    }

    public static double[] LogMiss(double[] inclusion) =>
        [.. inclusion.Select(p => p >= 1 ? double.NegativeInfinity : Math.Log(1 - p))];

    /// <summary>Expected distinct experts hit by T independent tokens: sum_i 1 - (1 - pi_i)^T.</summary>
    public static double ExpectedDistinct(ReadOnlySpan<double> logMiss, long tokens)
    {
        if (tokens <= 0)
        {
            return 0;
        }
        double sum = 0;
        foreach (double lm in logMiss)
        {
            sum += double.IsNegativeInfinity(lm) ? 1 : -double.ExpM1(lm * tokens);
        }
        return sum;
    }

    /// <summary>A seeded permutation of the experts per layer (which expert takes which popularity position).</summary>
    public static int[][] LayerPermutations(int numExperts, int layers, int seed)
    {
        var rng = new Random(seed);
        var perms = new int[Math.Max(layers, 1)][];
        for (int l = 0; l < perms.Length; l++)
        {
            int[] p = [.. Enumerable.Range(0, numExperts)];
            rng.Shuffle(p);
            perms[l] = p;
        }
        return perms;
    }
}

namespace TraceReplay.Core.Routing;

/// <summary>
/// Seeded multinomial draws of expert-parallel loads: N items over categories by conditional binomials, so the counts
/// always sum to N exactly. A binomial with mean below 30 is drawn exactly (geometric waiting times); above, from its
/// normal approximation rounded and clamped to [0, n] (the loads are thousands of assignments: its error there is well
/// under one assignment in a hundred). Deterministic for a given <see cref="Random"/> seed.
/// </summary>
public static class Multinomial
{
    private const double ExactBelowMean = 30;

    /// <summary>Draws <paramref name="items"/> into <paramref name="counts"/> with the probabilities <paramref name="probabilities"/> (summing to 1).</summary>
    public static void Sample(Random rng, long items, ReadOnlySpan<double> probabilities, Span<long> counts)
    {
        long left = items;
        double massLeft = 0;
        foreach (double p in probabilities)
        {
            massLeft += p;
        }
        for (int i = 0; i < probabilities.Length - 1; i++)
        {
            double p = massLeft > 0 ? Math.Clamp(probabilities[i] / massLeft, 0, 1) : 0;
            counts[i] = Binomial(rng, left, p);
            left -= counts[i];
            massLeft -= probabilities[i];
        }
        counts[^1] = left;
    }

    public static long Binomial(Random rng, long n, double p)
    {
        if (n <= 0 || p <= 0)
        {
            return 0;
        }
        if (p >= 1)
        {
            return n;
        }
        bool flip = p > 0.5;
        double q = flip ? 1 - p : p;
        double mean = n * q;
        long x;
        if (mean < ExactBelowMean)
        {
            // Successes are separated by geometric gaps: count how many fit in n trials.
            double logMiss = Math.Log(1 - q);
            x = 0;
            for (long trials = 0; ;)
            {
                trials += (long)Math.Floor(Math.Log(1 - rng.NextDouble()) / logMiss) + 1;
                if (trials > n)
                {
                    break;
                }
                x++;
            }
        }
        else
        {
            double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            x = Math.Clamp((long)Math.Round(mean + z * Math.Sqrt(mean * (1 - q)), MidpointRounding.ToEven), 0, n);
        }
        return flip ? n - x : x;
    }
}

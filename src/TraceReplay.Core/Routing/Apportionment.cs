namespace TraceReplay.Core.Routing;

/// <summary>Whole-token splits that add up exactly: largest remainder (Hamilton) apportionment.</summary>
public static class Apportionment
{
    /// <summary>
    /// Splits <paramref name="total"/> over <paramref name="counts"/> in proportion to <paramref name="weights"/>: each
    /// gets the floor of its quota, and the leftover units go to the largest fractional parts (ties to the lower index).
    /// The counts always sum to <paramref name="total"/>.
    /// </summary>
    public static void Split(long total, ReadOnlySpan<double> weights, Span<long> counts)
    {
        double sum = 0;
        foreach (double w in weights)
        {
            sum += w;
        }
        if (sum <= 0)
        {
            throw new ArgumentException("weights must have a positive sum", nameof(weights));
        }
        long given = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            counts[i] = (long)Math.Floor(total * (weights[i] / sum));
            given += counts[i];
        }
        for (long left = total - given; left > 0; left--)
        {
            int best = -1;
            double bestFraction = -1;
            for (int i = 0; i < weights.Length; i++)
            {
                double fraction = total * (weights[i] / sum) - counts[i];
                if (fraction > bestFraction)
                {
                    (best, bestFraction) = (i, fraction);
                }
            }
            counts[best]++;
        }
    }
}

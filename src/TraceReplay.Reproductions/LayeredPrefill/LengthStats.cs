namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>Token-length statistics of a workload (nearest-rank percentiles).</summary>
public sealed record LengthStats(int Count, double Mean, int Median, int P90, int Max, double ShareOver8192)
{
    public static LengthStats Of(IEnumerable<int> lengths)
    {
        int[] sorted = [.. lengths.Order()];
        if (sorted.Length == 0)
        {
            return new LengthStats(0, double.NaN, 0, 0, 0, double.NaN);
        }
        int Rank(double q) => sorted[Core.Analysis.NearestRank.Index(sorted.Length, q)];
        return new LengthStats(sorted.Length, sorted.Average(), Rank(0.5), Rank(0.9), sorted[^1],
            sorted.Count(t => t > 8192) / (double)sorted.Length);
    }
}

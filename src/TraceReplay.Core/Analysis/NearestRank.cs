namespace TraceReplay.Core.Analysis;

/// <summary>
/// The quantile definition of every TraceReplay output (replay summaries, requests.parquet, reports, compare, sweeps,
/// reproductions, inspect, validation and calibration errors): nearest rank, the value at 1-based rank ceil(q x n) of the sorted
/// sample, so a quantile is always a value that occurred (no interpolation). q = 0 gives the smallest value.
/// </summary>
public static class NearestRank
{
    /// <summary>1-based rank of quantile <paramref name="q"/> in a sample of <paramref name="n"/> (n >= 1).</summary>
    public static long Rank(long n, double q) => Math.Clamp((long)Math.Ceiling(q * n), 1, n);

    /// <summary>0-based index of quantile <paramref name="q"/> in a sorted array of <paramref name="n"/> (n >= 1).</summary>
    public static int Index(int n, double q) => (int)Rank(n, q) - 1;

    /// <summary>Quantile of an ascending-sorted sample; NaN when it is empty.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double q) => sorted.IsEmpty ? double.NaN : sorted[Index(sorted.Length, q)];

    /// <summary>Quantile of an ascending-sorted sample of integers; <paramref name="empty"/> when it is empty.</summary>
    public static T OfSorted<T>(ReadOnlySpan<T> sorted, double q, T empty) => sorted.IsEmpty ? empty : sorted[Index(sorted.Length, q)];
}

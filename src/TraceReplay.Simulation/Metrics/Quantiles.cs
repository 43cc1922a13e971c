namespace TraceReplay.Simulation.Metrics;

/// <summary>Exact nearest-rank quantiles (the value at rank ceil(q x n) of the sorted sample).</summary>
public static class Quantiles
{
    /// <summary>Sorts <paramref name="values"/> in place.</summary>
    public static void Sort(Span<long> values) => values.Sort();

    /// <summary>Quantile of an already sorted span; -1 when empty.</summary>
    public static long OfSorted(ReadOnlySpan<long> sorted, double q) =>
        sorted.Length == 0 ? -1 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}

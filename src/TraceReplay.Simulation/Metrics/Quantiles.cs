namespace TraceReplay.Simulation.Metrics;

/// <summary>Exact nearest-rank quantiles (<see cref="Core.Analysis.NearestRank"/>) of int64 samples, by sort or by selection.</summary>
public static class Quantiles
{
    /// <summary>Sorts <paramref name="values"/> in place.</summary>
    public static void Sort(Span<long> values) => values.Sort();

    /// <summary>Quantile of an already sorted span; -1 when empty.</summary>
    public static long OfSorted(ReadOnlySpan<long> sorted, double q) =>
        sorted.Length == 0 ? -1 : sorted[Rank(sorted.Length, q)];

    /// <summary>
    /// The same value as <see cref="OfSorted"/> on the sorted span, found by selection in expected O(n) instead of an
    /// O(n log n) sort (a request's p99 token gap is taken once per request; sorting was ~15% of a replay).
    /// Reorders <paramref name="values"/>; -1 when empty.
    /// </summary>
    public static long Select(Span<long> values, double q) =>
        values.Length == 0 ? -1 : NthElement(values, Rank(values.Length, q));

    private static int Rank(int n, double q) => Core.Analysis.NearestRank.Index(n, q);

    /// <summary>Hoare-partition quickselect with a median-of-three pivot: the k-th smallest (0-based).</summary>
    private static long NthElement(Span<long> a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        while (hi > lo)
        {
            int mid = lo + ((hi - lo) >> 1);
            long pivot = MedianOfThree(a[lo], a[mid], a[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot)
                {
                    i++;
                }
                while (a[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }
            // Now a[lo..j] <= pivot <= a[i..hi], and everything strictly between j and i equals the pivot.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return a[k];
            }
        }
        return a[k];
    }

    private static long MedianOfThree(long x, long y, long z) => Math.Max(Math.Min(x, y), Math.Min(Math.Max(x, y), z));
}

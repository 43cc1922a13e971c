using System.Numerics;

namespace TraceReplay.Simulation.Metrics;

/// <summary>
/// Log-linear histogram of positive integers (ns): power-of-two ranges split into 256 linear sub-buckets, so any
/// quantile it returns is within 2^-8 (0.4%) relative of the exact one. Fixed size (64 x 256 counters), no
/// allocation per value: used for the pooled token-gap percentiles, whose count is the number of generated tokens.
/// </summary>
public sealed class LogHistogram
{
    private const int SubBits = 8;
    private const int Sub = 1 << SubBits;
    private readonly long[] _counts = new long[64 * Sub];

    public long Count { get; private set; }

    public void Add(long value)
    {
        _counts[Index(Math.Max(value, 0))]++;
        Count++;
    }

    /// <summary>Nearest-rank quantile, returned as the midpoint of its bucket; NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (Count == 0)
        {
            return double.NaN;
        }
        long rank = Core.Analysis.NearestRank.Rank(Count, q);
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                (long lo, long hi) = Bounds(i);
                return (lo + hi) / 2.0;
            }
        }
        return double.NaN;
    }

    internal static int Index(long v)
    {
        if (v < Sub)
        {
            return (int)v;
        }
        int exp = 63 - BitOperations.LeadingZeroCount((ulong)v); // >= SubBits
        int shift = exp - SubBits;
        int mantissa = (int)(v >> shift) & (Sub - 1);
        return (shift + 1) * Sub + mantissa;
    }

    /// <summary>[lo, hi] of the values that land in bucket <paramref name="index"/>.</summary>
    internal static (long Lo, long Hi) Bounds(int index)
    {
        if (index < Sub)
        {
            return (index, index);
        }
        int shift = index / Sub - 1;
        long lo = ((long)(Sub + index % Sub)) << shift;
        return (lo, lo + (1L << shift) - 1);
    }
}

namespace TraceReplay.Simulation.Metrics;

/// <summary>
/// Non-negative integer samples (TTFT, E2E in ns) with exact nearest-rank quantiles and an exact mean in bounded
/// memory: up to <see cref="MemoryCapValues"/> values stay in RAM; beyond that each full buffer is appended to a
/// temporary file (deleted when closed), and a quantile is found by narrowing passes over the file: count the values
/// per sub-range of the current candidate range, keep the sub-range holding the wanted rank, and select exactly once
/// it fits in memory. Same values, same answer as sorting them all (tested), whatever the cap.
/// </summary>
public sealed class SpillingSample : IDisposable
{
    /// <summary>Values kept in memory before spilling: 1Mi values = 8 MiB.</summary>
    public const int DefaultMemoryCapValues = 1 << 20;

    private const int Buckets = 1 << 16;

    private readonly long[] _buffer;
    private int _buffered;
    private FileStream? _spill;
    private long _min = long.MaxValue, _max = long.MinValue;
    private Int128 _sum; // 128 bits: an overloaded replay of millions of requests sums TTFTs past long's 292 years of ns

    public SpillingSample(int memoryCapValues = DefaultMemoryCapValues)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryCapValues, 2);
        MemoryCapValues = memoryCapValues;
        _buffer = new long[memoryCapValues];
    }

    public int MemoryCapValues { get; }

    public long Count { get; private set; }

    /// <summary>True once values went to the temporary file.</summary>
    public bool Spilled => _spill is not null;

    /// <summary>Mean of an exact 128-bit integer sum, NaN when empty.</summary>
    public double Mean => Count == 0 ? double.NaN : (double)_sum / Count;

    public void Add(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (_buffered == _buffer.Length)
        {
            Spill();
        }
        _buffer[_buffered++] = value;
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        _sum += value;
        Count++;
    }

    /// <summary>The value at rank ceil(q x n) of the sorted sample (as <see cref="Quantiles.OfSorted"/>); -1 when empty.</summary>
    public long Quantile(double q)
    {
        if (Count == 0)
        {
            return -1;
        }
        long rank = Core.Analysis.NearestRank.Rank(Count, q) - 1; // 0-based
        if (!Spilled)
        {
            return Quantiles.Select(_buffer.AsSpan(0, _buffered), q);
        }
        // Narrow [lo, hi] (inclusive) until the values inside it fit in memory; `below` = values smaller than lo.
        long lo = _min, hi = _max, below = 0;
        var counts = new long[Buckets];
        while (true)
        {
            long inRange = 0;
            Array.Clear(counts);
            ulong width = (ulong)(hi - lo) + 1;
            ForEach(v =>
            {
                if (v >= lo && v <= hi)
                {
                    counts[Bucket(v, lo, width)]++;
                    inRange++;
                }
            });
            if (inRange <= _buffer.Length)
            {
                return SelectInRange(lo, hi, rank - below, inRange);
            }
            long seen = 0;
            int k = 0;
            while (seen + counts[k] <= rank - below)
            {
                seen += counts[k++];
            }
            // Bucket k holds the rank; its values are lo + [ceil(k w / B), ceil((k + 1) w / B) - 1].
            long first = lo + (long)CeilDiv((UInt128)(ulong)k * width, Buckets);
            if (width <= Buckets)
            {
                return first; // one value per bucket
            }
            long last = lo + (long)CeilDiv(((UInt128)(ulong)k + 1) * width, Buckets) - 1;
            below += seen;
            (lo, hi) = (first, Math.Min(last, hi));
        }
    }

    private static ulong CeilDiv(UInt128 a, ulong b) => (ulong)((a + b - 1) / b);

    public void Dispose()
    {
        _spill?.Dispose();
        _spill = null;
    }

    /// <summary>floor((v - lo) x Buckets / width), without overflow (width up to 2^63).</summary>
    private static int Bucket(long v, long lo, ulong width) => (int)((UInt128)(ulong)(v - lo) * Buckets / width);

    private long SelectInRange(long lo, long hi, long rankInRange, long inRange)
    {
        var values = new long[inRange];
        int n = 0;
        ForEach(v =>
        {
            if (v >= lo && v <= hi)
            {
                values[n++] = v;
            }
        });
        Array.Sort(values);
        return values[rankInRange];
    }

    private void Spill()
    {
        _spill ??= new FileStream(Path.Combine(Path.GetTempPath(), $"tracereplay-sample-{Guid.NewGuid():N}.bin"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _spill.Seek(0, SeekOrigin.End);
        _spill.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_buffer.AsSpan(0, _buffered)));
        _buffered = 0;
    }

    /// <summary>Every value: the spilled ones in file order, then the buffered ones.</summary>
    private void ForEach(Action<long> visit)
    {
        if (_spill is not null)
        {
            _spill.Flush();
            _spill.Seek(0, SeekOrigin.Begin);
            var chunk = new long[1 << 16];
            Span<byte> bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(chunk.AsSpan());
            int read;
            while ((read = _spill.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false)) > 0)
            {
                for (int i = 0; i < read / sizeof(long); i++)
                {
                    visit(chunk[i]);
                }
            }
        }
        for (int i = 0; i < _buffered; i++)
        {
            visit(_buffer[i]);
        }
    }
}

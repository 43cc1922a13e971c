namespace TraceReplay.Simulation.Metrics;

/// <summary>Append-only growable long buffer (8 bytes per completed request) for exact TTFT/E2E percentiles.</summary>
public sealed class LongList
{
    private long[] _items = new long[1024];

    public int Count { get; private set; }

    public Span<long> Span => _items.AsSpan(0, Count);

    public void Add(long value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        _items[Count++] = value;
    }
}

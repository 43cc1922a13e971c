namespace TraceReplay.Simulation.Metrics;

/// <summary>Counts KV transfers as they land: bytes, and their times exactly (one long per transfer).</summary>
public sealed class KvTransferCounter
{
    private readonly List<long> _durationsNs = [];
    private double _bytes;
    private double _waitNs;

    public void Add(double bytes, long durationNs, long waitNs)
    {
        _bytes += bytes;
        _durationsNs.Add(durationNs);
        _waitNs += waitNs;
    }

    public DisaggregationSummary Build(double bytesPerToken, DisaggregationSummary.Pool prefill, DisaggregationSummary.Pool decode)
    {
        long[] d = [.. _durationsNs];
        int n = d.Length;
        double mean = n > 0 ? d.Sum(x => (double)x) / n * 1e-9 : double.NaN;
        double p99 = n > 0 ? Quantiles.Select(d, 0.99) * 1e-9 : double.NaN;
        return new DisaggregationSummary(n, _bytes, mean, p99, n > 0 ? _waitNs / n * 1e-9 : double.NaN, bytesPerToken, prefill, decode);
    }
}

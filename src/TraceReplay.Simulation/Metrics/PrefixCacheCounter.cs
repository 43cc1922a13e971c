namespace TraceReplay.Simulation.Metrics;

/// <summary>Counts prefix-cache hits and prompt tokens of completed requests per instance.</summary>
public sealed class PrefixCacheCounter(int instances)
{
    private readonly long[] _hitTokens = new long[instances];
    private readonly long[] _promptTokens = new long[instances];

    /// <summary>True once a request with block hashes arrived: only then does the summary report prefix caching.</summary>
    public bool SawHashes { get; set; }

    public void Add(int instance, int promptTokens, int hitTokens)
    {
        _hitTokens[instance] += Math.Max(0, hitTokens);
        _promptTokens[instance] += promptTokens;
    }

    public PrefixCacheSummary? Build(bool enabled) => SawHashes
        ? new PrefixCacheSummary(enabled, _hitTokens.Sum(), _promptTokens.Sum(),
            [.. Enumerable.Range(0, _hitTokens.Length).Select(i => new PrefixCacheSummary.Instance(i, _hitTokens[i], _promptTokens[i]))])
        : null;
}

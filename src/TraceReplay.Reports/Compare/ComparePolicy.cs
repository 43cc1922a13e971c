using static TraceReplay.Simulation.Metrics.MetricNames;

namespace TraceReplay.Reports.Compare;

/// <summary>
/// Per-metric limits a candidate must stay within. <see cref="SkipUnavailable"/> is true only for the built-in
/// default, so a metric a user names explicitly must be computable (SLO attainment needs replays run with an SLO).
/// </summary>
public sealed record ComparePolicy(IReadOnlyDictionary<string, MetricLimit> Metrics, string Source, bool SkipUnavailable)
{
    /// <summary>Used without <c>--policy</c>: latency tails +5%, mean token gap +5%, SLO attainment -1 point,
    /// throughput -2%, energy per token +5%.</summary>
    public static ComparePolicy Default { get; } = new(new SortedDictionary<string, MetricLimit>(StringComparer.Ordinal)
    {
        [TtftP99S] = new() { MaxIncreasePct = 5 },
        [TbtMeanS] = new() { MaxIncreasePct = 5 },
        [E2eP99S] = new() { MaxIncreasePct = 5 },
        [SloAttainment] = new() { MaxDecreasePoints = 1 },
        [ThroughputTokensPerS] = new() { MaxDecreasePct = 2 },
        [EnergyPerTokenJ] = new() { MaxIncreasePct = 5 },
    }, "built-in default", SkipUnavailable: true);

    public MetricLimit? For(string metric) => Metrics.TryGetValue(metric, out MetricLimit? l) ? l : null;
}

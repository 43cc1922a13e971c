namespace TraceReplay.Simulation.Metrics;

/// <summary>Headline figures of one replay (times in seconds). NaN where undefined (no completed requests, no SLO).</summary>
public sealed record ReplaySummary
{
    public long Requests { get; init; }
    public long Completed { get; init; }
    public long Rejected { get; init; }
    public IReadOnlyDictionary<string, long> RejectedByReason { get; init; } = new Dictionary<string, long>();
    public double SimDurationS { get; init; }
    public double TtftMeanS { get; init; }
    public double TtftP50S { get; init; }
    public double TtftP90S { get; init; }
    public double TtftP99S { get; init; }
    public double TbtMeanS { get; init; }
    public double TbtP99S { get; init; }
    /// <summary>Mean over completed requests of each one's TPOT, (E2E - TTFT) / (output tokens - 1); one-token outputs excluded.</summary>
    public double TpotMeanS { get; init; }
    /// <summary>p99 (nearest rank) of the per-request TPOT.</summary>
    public double TpotP99S { get; init; }
    /// <summary>Inter-token latency, mean of all gaps pooled (token-weighted): equals <see cref="TbtMeanS"/>.</summary>
    public double ItlMeanS => TbtMeanS;
    /// <summary>Completed requests / simulated duration.</summary>
    public double RequestThroughputPerS { get; init; }
    public double E2eMeanS { get; init; }
    public double E2eP50S { get; init; }
    public double E2eP99S { get; init; }
    public double ThroughputTokensPerS { get; init; }
    public double OutputThroughputTokensPerS { get; init; }
    public double SloAttainment { get; init; }
    public double HbmBytesTotal { get; init; }
    public double HbmBytesExpertWeights { get; init; }
    public double HbmBytesWeights { get; init; }
    public double HbmBytesKvRead { get; init; }
    public double HbmBytesKvWrite { get; init; }
    public double HbmBytesActivations { get; init; }
    public double EnergyJ { get; init; }
    public double EnergyIdleJ { get; init; }
    public double EnergyPerTokenJ { get; init; }
    public long Iterations { get; init; }
    public long Preemptions { get; init; }
    public long PromptTokens { get; init; }
    public long GeneratedTokens { get; init; }
    public long ExpectedOutputTokens { get; init; }
    public int KvBlocksPerInstance { get; init; }
    public int PeakKvBlocksUsed { get; init; }
    /// <summary>The waiting queue grew through the run: offered load above what the modelled system serves (<see cref="QueueGrowth"/>).</summary>
    public bool Overloaded { get; init; }
    /// <summary>Slope of the waiting-queue depth arrivals found, fitted over the arrival window (requests/s).</summary>
    public double QueueGrowthRequestsPerS { get; init; }
    /// <summary>Rise of that fitted depth from the first to the last arrival (requests).</summary>
    public double QueueRiseRequests { get; init; }
    /// <summary>Prefix-cache reuse; null when no request carried block hashes.</summary>
    public PrefixCacheSummary? PrefixCache { get; init; }
    /// <summary>KV transfers and pools of a disaggregated replay; null when aggregated.</summary>
    public DisaggregationSummary? Disaggregation { get; init; }
    /// <summary>Expert parallelism: mean and largest per-iteration max-rank / mean-rank expert assignments; NaN without EP.</summary>
    public double EpImbalanceMean { get; init; } = double.NaN;
    public double EpImbalanceMax { get; init; } = double.NaN;
    /// <summary>Weight bytes held by one GPU (dense weights over TP, routed experts over TP x EP).</summary>
    public double WeightBytesPerGpu { get; init; } = double.NaN;
}

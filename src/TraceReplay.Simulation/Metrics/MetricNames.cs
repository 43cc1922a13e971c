namespace TraceReplay.Simulation.Metrics;

/// <summary>
/// The key of every <see cref="MetricCatalog"/> entry, as constants so that JSON contracts (<c>[JsonPropertyName]</c>),
/// sweep columns and report tables name a metric through the catalogue rather than a string literal of their own.
/// </summary>
public static class MetricNames
{
    public const string Requests = "requests";
    public const string Completed = "completed";
    public const string Rejected = "rejected";
    public const string SimDurationS = "sim_duration_s";
    public const string TtftMeanS = "ttft_mean_s";
    public const string TtftP50S = "ttft_p50_s";
    public const string TtftP90S = "ttft_p90_s";
    public const string TtftP99S = "ttft_p99_s";
    public const string TbtMeanS = "tbt_mean_s";
    public const string TbtP99S = "tbt_p99_s";
    public const string TbtMaxP99S = "tbt_max_p99_s";
    public const string TpotMeanS = "tpot_mean_s";
    public const string TpotP99S = "tpot_p99_s";
    public const string ItlMeanS = "itl_mean_s";
    public const string E2eMeanS = "e2e_mean_s";
    public const string E2eP50S = "e2e_p50_s";
    public const string E2eP99S = "e2e_p99_s";
    public const string ThroughputTokensPerS = "throughput_tokens_per_s";
    public const string OutputThroughputTokensPerS = "output_throughput_tokens_per_s";
    public const string RequestThroughputPerS = "request_throughput_per_s";
    public const string SloAttainment = "slo_attainment";
    public const string HbmBytesTotal = "hbm_bytes_total";
    public const string HbmBytesExpertWeights = "hbm_bytes_expert_weights";
    public const string HbmBytesWeights = "hbm_bytes_weights";
    public const string HbmBytesKvRead = "hbm_bytes_kv_read";
    public const string HbmBytesKvWrite = "hbm_bytes_kv_write";
    public const string HbmBytesActivations = "hbm_bytes_activations";
    public const string EnergyJ = "energy_j";
    public const string EnergyIdleJ = "energy_idle_j";
    public const string EnergyPerTokenJ = "energy_per_token_j";
    public const string Iterations = "iterations";
    public const string Preemptions = "preemptions";
    public const string PromptTokens = "prompt_tokens";
    public const string GeneratedTokens = "generated_tokens";
    public const string ExpectedOutputTokens = "expected_output_tokens";
    public const string KvBlocksPerInstance = "kv_blocks_per_instance";
    public const string PeakKvBlocksUsed = "peak_kv_blocks_used";
    public const string Overloaded = "overloaded";
    public const string QueueGrowthRequestsPerS = "queue_growth_requests_per_s";
    public const string QueueRiseRequests = "queue_rise_requests";
    public const string PrefixHitTokens = "prefix_hit_tokens";
    public const string PrefixHitRate = "prefix_hit_rate";
    public const string KvTransfers = "kv_transfers";
    public const string KvTransferBytes = "kv_transfer_bytes";
    public const string KvTransferMeanS = "kv_transfer_mean_s";
    public const string KvTransferP99S = "kv_transfer_p99_s";
    public const string KvTransferWaitMeanS = "kv_transfer_wait_mean_s";
    public const string KvBytesPerToken = "kv_bytes_per_token";
    public const string BusyFraction = "busy_fraction";
    public const string EpImbalanceMean = "ep_imbalance_mean";
    public const string EpImbalanceMax = "ep_imbalance_max";
    public const string WeightBytesPerGpu = "weight_bytes_per_gpu";
    public const string WallS = "wall_s";
}

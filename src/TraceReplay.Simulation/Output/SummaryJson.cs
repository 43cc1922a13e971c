using System.Text.Json.Serialization;
using M = TraceReplay.Simulation.Metrics.MetricNames;

namespace TraceReplay.Simulation.Output;

/// <summary>
/// The shape of <c>summary.json</c>, in its key order (a contract: users' scripts read these keys). Metric keys come
/// from the metric catalogue; a null member marked WhenWritingNull is a feature's key left out (no block hashes, an
/// aggregated or non-EP replay), while a NaN figure is written as null (<see cref="Core.IO.FiniteOrNullConverter"/>).
/// </summary>
public sealed class SummaryJson
{
    [JsonPropertyName(M.Requests)] public long Requests { get; init; }
    [JsonPropertyName(M.Completed)] public long Completed { get; init; }
    [JsonPropertyName(M.Rejected)] public long Rejected { get; init; }
    public required IReadOnlyDictionary<string, long> RejectedByReason { get; init; }
    [JsonPropertyName(M.SimDurationS)] public double SimDurationS { get; init; }
    [JsonPropertyName(M.TtftMeanS)] public double TtftMeanS { get; init; }
    [JsonPropertyName(M.TtftP50S)] public double TtftP50S { get; init; }
    [JsonPropertyName(M.TtftP90S)] public double TtftP90S { get; init; }
    [JsonPropertyName(M.TtftP99S)] public double TtftP99S { get; init; }
    [JsonPropertyName(M.TbtMeanS)] public double TbtMeanS { get; init; }
    [JsonPropertyName(M.TbtP99S)] public double TbtP99S { get; init; }
    [JsonPropertyName(M.TpotMeanS)] public double TpotMeanS { get; init; }
    [JsonPropertyName(M.TpotP99S)] public double TpotP99S { get; init; }
    [JsonPropertyName(M.ItlMeanS)] public double ItlMeanS { get; init; }
    [JsonPropertyName(M.E2eMeanS)] public double E2eMeanS { get; init; }
    [JsonPropertyName(M.E2eP50S)] public double E2eP50S { get; init; }
    [JsonPropertyName(M.E2eP99S)] public double E2eP99S { get; init; }
    [JsonPropertyName(M.ThroughputTokensPerS)] public double ThroughputTokensPerS { get; init; }
    [JsonPropertyName(M.OutputThroughputTokensPerS)] public double OutputThroughputTokensPerS { get; init; }
    [JsonPropertyName(M.RequestThroughputPerS)] public double RequestThroughputPerS { get; init; }
    [JsonPropertyName(M.SloAttainment)] public double SloAttainment { get; init; }
    [JsonPropertyName(M.HbmBytesTotal)] public double HbmBytesTotal { get; init; }
    [JsonPropertyName(M.HbmBytesExpertWeights)] public double HbmBytesExpertWeights { get; init; }
    [JsonPropertyName(M.HbmBytesWeights)] public double HbmBytesWeights { get; init; }
    [JsonPropertyName(M.HbmBytesKvRead)] public double HbmBytesKvRead { get; init; }
    [JsonPropertyName(M.HbmBytesKvWrite)] public double HbmBytesKvWrite { get; init; }
    [JsonPropertyName(M.HbmBytesActivations)] public double HbmBytesActivations { get; init; }
    [JsonPropertyName(M.EnergyJ)] public double EnergyJ { get; init; }
    [JsonPropertyName(M.EnergyIdleJ)] public double EnergyIdleJ { get; init; }
    [JsonPropertyName(M.EnergyPerTokenJ)] public double EnergyPerTokenJ { get; init; }
    [JsonPropertyName(M.Iterations)] public long Iterations { get; init; }
    [JsonPropertyName(M.Preemptions)] public long Preemptions { get; init; }
    [JsonPropertyName(M.PromptTokens)] public long PromptTokens { get; init; }
    [JsonPropertyName(M.GeneratedTokens)] public long GeneratedTokens { get; init; }
    [JsonPropertyName(M.KvBlocksPerInstance)] public int KvBlocksPerInstance { get; init; }
    [JsonPropertyName(M.PeakKvBlocksUsed)] public int PeakKvBlocksUsed { get; init; }
    [JsonPropertyName(M.Overloaded)] public bool Overloaded { get; init; }
    [JsonPropertyName(M.QueueGrowthRequestsPerS)] public double QueueGrowthRequestsPerS { get; init; }
    [JsonPropertyName(M.QueueRiseRequests)] public double QueueRiseRequests { get; init; }

    // Prefix cache: only for requests with block hashes, so summaries of traces without them stay as they were.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PrefixCaching { get; init; }
    [JsonPropertyName(M.PrefixHitTokens), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? PrefixHitTokens { get; init; }
    [JsonPropertyName(M.PrefixHitRate), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? PrefixHitRate { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<PrefixInstanceJson>? PrefixCachePerInstance { get; init; }

    // Disaggregated serving only.
    [JsonPropertyName(M.KvTransfers), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? KvTransfers { get; init; }
    [JsonPropertyName(M.KvTransferBytes), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? KvTransferBytes { get; init; }
    [JsonPropertyName(M.KvTransferMeanS), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? KvTransferMeanS { get; init; }
    [JsonPropertyName(M.KvTransferP99S), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? KvTransferP99S { get; init; }
    [JsonPropertyName(M.KvTransferWaitMeanS), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? KvTransferWaitMeanS { get; init; }
    [JsonPropertyName(M.KvBytesPerToken), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? KvBytesPerToken { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public PoolsJson? Pools { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? DisaggregatedTiming { get; init; }

    // Expert parallelism only.
    [JsonPropertyName(M.EpImbalanceMean), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? EpImbalanceMean { get; init; }
    [JsonPropertyName(M.EpImbalanceMax), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? EpImbalanceMax { get; init; }
    [JsonPropertyName(M.WeightBytesPerGpu), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? WeightBytesPerGpu { get; init; }

    public required string TbtP99Method { get; init; }
    public required string EnergyNote { get; init; }
    public required string OverloadNote { get; init; }
    public required SummaryRunJson Run { get; init; }
    [JsonPropertyName(M.WallS)] public double WallS { get; init; }
}

/// <summary>One entry of <c>prefix_cache_per_instance</c>.</summary>
public sealed record PrefixInstanceJson(
    int Instance,
    [property: JsonPropertyName(M.PromptTokens)] long PromptTokens,
    [property: JsonPropertyName(M.PrefixHitTokens)] long PrefixHitTokens,
    [property: JsonPropertyName(M.PrefixHitRate)] double PrefixHitRate);

/// <summary><c>pools</c> of a disaggregated replay.</summary>
public sealed record PoolsJson(PoolJson Prefill, PoolJson Decode);

public sealed record PoolJson(
    int Instances,
    int Tp,
    [property: JsonPropertyName(M.KvBlocksPerInstance)] int KvBlocksPerInstance,
    [property: JsonPropertyName(M.BusyFraction)] double BusyFraction,
    [property: JsonPropertyName(M.PeakKvBlocksUsed)] int PeakKvBlocksUsed);

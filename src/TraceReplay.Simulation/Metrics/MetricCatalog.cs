using static TraceReplay.Simulation.Metrics.MetricNames;

namespace TraceReplay.Simulation.Metrics;

/// <summary>
/// Every figure a replay reports, the one place its key, unit, direction and meaning are defined: summary.json writes
/// these keys, <c>compare</c> judges a subset of them, <c>report</c>, <c>sweep</c>, <c>inspect</c> and the
/// reproductions read them. Percentiles are nearest rank over completed requests; energy is a model estimate.
/// </summary>
public static class MetricCatalog
{
    public static readonly IReadOnlyList<Metric> All =
    [
        new(Requests, "requests", Better.Neither, "requests in the input"),
        new(Completed, "requests", Better.Higher, "requests that produced every output token"),
        new(Rejected, "requests", Better.Lower, "requests never served (rejected_by_reason says why)"),
        new(SimDurationS, "s", Better.Neither, "simulated time from the first arrival to the last completion"),
        new(TtftMeanS, "s", Better.Lower, "mean TTFT of completed requests"),
        new(TtftP50S, "s", Better.Lower, "TTFT p50 of completed requests (nearest rank)"),
        new(TtftP90S, "s", Better.Lower, "TTFT p90 of completed requests (nearest rank)"),
        new(TtftP99S, "s", Better.Lower, "TTFT p99 of completed requests (nearest rank)"),
        new(TbtMeanS, "s", Better.Lower, "mean gap between tokens, pooled over every gap of every request"),
        new(TbtP99S, "s", Better.Lower, "p99 of every token gap of every request, pooled (log-linear histogram, within 0.4% of nearest rank)"),
        new(TbtMaxP99S, "s", Better.Lower, "p99 over requests of each request's largest token gap (the gap an SLO on TBT checks)"),
        new(TpotMeanS, "s", Better.Lower, "mean over completed requests of (E2E - TTFT) / (generated tokens - 1), one-token outputs left out (vLLM bench serve's and genai-perf's TPOT)"),
        new(TpotP99S, "s", Better.Lower, "p99 over completed requests of each one's TPOT (nearest rank; one-token outputs left out)"),
        new(ItlMeanS, "s", Better.Lower, "inter-token latency: mean of every token gap of every request, token-weighted (vLLM bench serve's mean ITL; equals tbt_mean_s)"),
        new(E2eMeanS, "s", Better.Lower, "mean end-to-end latency of completed requests"),
        new(E2eP50S, "s", Better.Lower, "end-to-end latency p50 of completed requests (nearest rank)"),
        new(E2eP99S, "s", Better.Lower, "end-to-end latency p99 of completed requests (nearest rank)"),
        new(ThroughputTokensPerS, "tokens/s", Better.Higher, "prompt + generated tokens of completed requests / simulated duration"),
        new(OutputThroughputTokensPerS, "tokens/s", Better.Higher, "generated tokens of completed requests / simulated duration"),
        new(RequestThroughputPerS, "requests/s", Better.Higher, "completed requests / simulated duration"),
        new(SloAttainment, "fraction", Better.Higher, "requests meeting the SLO / all requests (rejected ones count as missed)"),
        new(HbmBytesTotal, "bytes", Better.Lower, "HBM bytes moved, summed over iterations and GPUs"),
        new(HbmBytesExpertWeights, "bytes", Better.Lower, "HBM bytes of routed-expert weight reads"),
        new(HbmBytesWeights, "bytes", Better.Lower, "HBM bytes of dense weight reads"),
        new(HbmBytesKvRead, "bytes", Better.Lower, "HBM bytes of KV-cache reads"),
        new(HbmBytesKvWrite, "bytes", Better.Lower, "HBM bytes of KV-cache writes"),
        new(HbmBytesActivations, "bytes", Better.Lower, "HBM bytes of activation reads and writes"),
        new(EnergyJ, "J", Better.Lower, "estimated energy of the run, busy and idle (a model estimate, not measured)"),
        new(EnergyIdleJ, "J", Better.Lower, "estimated static energy while instances wait for work"),
        new(EnergyPerTokenJ, "J/token", Better.Lower, "estimated energy of the run / (prompt + generated tokens)"),
        new(Iterations, "count", Better.Neither, "engine iterations (steps) run"),
        new(Preemptions, "count", Better.Lower, "requests preempted (KV freed, recomputed later)"),
        new(PromptTokens, "tokens", Better.Neither, "prompt tokens of completed requests"),
        new(GeneratedTokens, "tokens", Better.Neither, "tokens generated for completed requests"),
        new(ExpectedOutputTokens, "tokens", Better.Neither, "output tokens the input asked for"),
        new(KvBlocksPerInstance, "KV blocks", Better.Neither, "KV-cache blocks one instance holds"),
        new(PeakKvBlocksUsed, "KV blocks", Better.Neither, "most KV-cache blocks in use on one instance at once"),
        new(Overloaded, "flag", Better.Lower, "true when the waiting queue grows through the run (offered load above what the system serves; overload_note)"),
        new(QueueGrowthRequestsPerS, "requests/s", Better.Lower, "slope of the waiting-queue depth arrivals find, fitted over the arrival window"),
        new(QueueRiseRequests, "requests", Better.Lower, "rise of that fitted depth from the first to the last arrival"),
        new(PrefixHitTokens, "tokens", Better.Higher, "prompt tokens found in the prefix cache"),
        new(PrefixHitRate, "fraction", Better.Higher, "prompt tokens found in the prefix cache / prompt tokens of completed requests"),
        new(KvTransfers, "count", Better.Neither, "disaggregated serving: KV transfers from prefill to decode instances"),
        new(KvTransferBytes, "bytes", Better.Lower, "disaggregated serving: KV bytes moved between pools"),
        new(KvTransferMeanS, "s", Better.Lower, "disaggregated serving: mean KV transfer time (decode block reservation to KV landed)"),
        new(KvTransferP99S, "s", Better.Lower, "disaggregated serving: p99 KV transfer time (nearest rank)"),
        new(KvTransferWaitMeanS, "s", Better.Lower, "disaggregated serving: mean wait for decode KV blocks before a transfer"),
        new(KvBytesPerToken, "bytes/token", Better.Neither, "KV-cache bytes per token of the model as served"),
        new(BusyFraction, "fraction", Better.Neither, "disaggregated pool: iteration time / (instances x simulated duration)"),
        new(EpImbalanceMean, "ratio", Better.Lower, "expert parallelism: mean over steps of max-rank / mean-rank expert assignments"),
        new(EpImbalanceMax, "ratio", Better.Lower, "expert parallelism: largest per-step max-rank / mean-rank expert assignments"),
        new(WeightBytesPerGpu, "bytes", Better.Neither, "weight bytes one GPU holds (dense weights over TP, routed experts over TP x EP)"),
        new(WallS, "s", Better.Lower, "wall-clock time of the replay (the only value that changes between identical runs)"),
    ];

    private static readonly Dictionary<string, Metric> s_byName = All.ToDictionary(m => m.Name, StringComparer.Ordinal);

    public static Metric? Find(string name) => s_byName.GetValueOrDefault(name);

    /// <summary>The entry for a key the code itself names; a missing one is a programming error.</summary>
    public static Metric Get(string name) => Find(name) ?? throw new KeyNotFoundException($"'{name}' is not in the metric catalogue");
}

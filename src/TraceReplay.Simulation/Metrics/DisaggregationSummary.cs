namespace TraceReplay.Simulation.Metrics;

/// <summary>Disaggregated serving's KV transfers and its two pools; null in an aggregated replay.</summary>
/// <param name="KvTransferBytes">Bytes moved, all GPUs: prompt tokens x <paramref name="KvBytesPerToken"/> per handed-off request.</param>
/// <param name="KvTransferMeanS">Mean transfer time, from the decode instance's block reservation to the KV landing (latency + bytes over the shared link).</param>
/// <param name="KvTransferP99S">Its p99 (nearest rank).</param>
/// <param name="KvWaitMeanS">Mean wait from the first token to the decode instance's block reservation.</param>
public sealed record DisaggregationSummary(
    long Transfers, double KvTransferBytes, double KvTransferMeanS, double KvTransferP99S, double KvWaitMeanS, double KvBytesPerToken,
    DisaggregationSummary.Pool Prefill, DisaggregationSummary.Pool Decode)
{
    /// <param name="BusyFraction">Iteration time / (instances x simulated duration).</param>
    public sealed record Pool(int Instances, int Tp, int KvBlocksPerInstance, double BusyFraction, int PeakKvBlocksUsed);
}

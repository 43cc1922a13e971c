using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Simulation.Output;

/// <summary>summary.json's disaggregated-serving keys, written only for a disaggregated replay.</summary>
internal static class DisaggregationJson
{
    public const string TimingNote =
        "TTFT: arrival to the first token, which the prefill instance produces; TPOT and token gaps: decode-side tokens, the first gap including the KV transfer and any wait for decode blocks";

    public static PoolJson Pool(DisaggregationSummary.Pool p) =>
        new(p.Instances, p.Tp, p.KvBlocksPerInstance, p.BusyFraction, p.PeakKvBlocksUsed);
}

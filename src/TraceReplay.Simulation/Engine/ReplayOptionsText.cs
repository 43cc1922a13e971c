using System.Globalization;
using TraceReplay.Core.Models;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// <see cref="ReplayOptions"/> as plain (name, value) pairs named after the <c>replay</c> flags that set them, for
/// run metadata (sweep.parquet) that people and scripts read. Every option is listed (a test checks it); null
/// values print as "default" where the model's own value applies.
/// </summary>
public static class ReplayOptionsText
{
    public static IReadOnlyList<(string Name, string Value)> Pairs(ReplayOptions o) =>
    [
        ("model", o.Model),
        ("gpu", o.Gpu),
        ("tp", Int(o.TensorParallel)),
        ("replicas", Int(o.Replicas)),
        ("router", RouterPolicies.ToName(o.Router)),
        ("prefix-caching", o.PrefixCaching switch { true => "on", false => "off", null => "auto" }),
        ("prefill-replicas", Int(o.PrefillReplicas)),
        ("decode-replicas", Int(o.DecodeReplicas)),
        ("prefill-tp", o.PrefillTp is int ptp ? Int(ptp) : "tp"),
        ("decode-tp", o.DecodeTp is int dtp ? Int(dtp) : "tp"),
        ("kv-link-gbps", Num(o.KvLinkGbps)),
        ("kv-link-latency-us", Num(o.KvLinkLatencyUs)),
        ("kv-streaming", o.KvStreaming ? "on" : "off"),
        ("scheduler", o.Scheduler),
        ("max-seqs", Int(o.MaxSequences)),
        ("max-batched-tokens", Int(o.MaxBatchedTokens)),
        ("chunk-tokens", Int(o.ChunkTokens)),
        ("layer-groups", o.LayerGroups > 0 ? Int(o.LayerGroups) : "auto"),
        ("layer-group-cap", Int(o.LayerGroupCap)),
        ("cohort-tokens", Int(o.CohortTokens)),
        ("block-size", Int(o.BlockTokens)),
        ("gpu-memory-utilization", Num(o.GpuMemoryUtilization)),
        ("activation-reserve-gib", Num(o.ActivationReserveBytes / (1L << 30))),
        ("kv-blocks", o.KvBlocksOverride is int kb ? Int(kb) : "derived"),
        ("slo-ttft-s", o.SloTtftS is double t ? Num(t) : "none"),
        ("slo-tbt-s", o.SloTbtS is double b ? Num(b) : "none"),
        ("routing", o.Routing),
        ("ep", Int(o.ExpertParallel)),
        ("dp-attention", o.DpAttention ? "true" : "false"),
        ("seed", Int(o.Seed)),
        ("cost-path", o.CostPath.ToString().ToLowerInvariant()),
        ("static-power-w", o.StaticPowerW is double w ? Num(w) : "gpu default"),
        ("hbm-pj-per-byte", o.HbmPjPerByte is double h ? Num(h) : "gpu default"),
        ("pj-per-flop", o.PjPerFlop is double f ? Num(f) : "gpu default"),
        ("enforce-eager", o.EnforceEager ? "true" : "false"),
        ("cuda-graph-max-batch", Int(o.CudaGraphMaxBatch)),
        ("weight-dtype", Dtype(o.WeightDtype)),
        ("expert-weight-dtype", Dtype(o.ExpertWeightDtype)),
        ("activation-dtype", Dtype(o.ActivationDtype)),
        ("kv-dtype", Dtype(o.KvDtype)),
    ];

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Dtype(DType? d) => d is { } v ? DTypes.ToName(v) : "model's";
}

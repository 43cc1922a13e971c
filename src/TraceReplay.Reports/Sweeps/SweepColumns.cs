using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Sweeps;

/// <summary>The metric columns of sweep.parquet, named as in summary.json. Counts are int64, the rest nullable doubles.</summary>
public static class SweepColumns
{
    public sealed record Column(string Name, bool IsCount, Func<ReplaySummary, double> Value);

    public static readonly IReadOnlyList<Column> Metrics =
    [
        new("requests", true, s => s.Requests),
        new("completed", true, s => s.Completed),
        new("rejected", true, s => s.Rejected),
        new("sim_duration_s", false, s => s.SimDurationS),
        new("ttft_mean_s", false, s => s.TtftMeanS),
        new("ttft_p50_s", false, s => s.TtftP50S),
        new("ttft_p90_s", false, s => s.TtftP90S),
        new("ttft_p99_s", false, s => s.TtftP99S),
        new("tbt_mean_s", false, s => s.TbtMeanS),
        new("tbt_p99_s", false, s => s.TbtP99S),
        new("e2e_mean_s", false, s => s.E2eMeanS),
        new("e2e_p50_s", false, s => s.E2eP50S),
        new("e2e_p99_s", false, s => s.E2eP99S),
        new("throughput_tokens_per_s", false, s => s.ThroughputTokensPerS),
        new("output_throughput_tokens_per_s", false, s => s.OutputThroughputTokensPerS),
        new("slo_attainment", false, s => s.SloAttainment),
        new("hbm_bytes_total", false, s => s.HbmBytesTotal),
        new("energy_j", false, s => s.EnergyJ),
        new("energy_per_token_j", false, s => s.EnergyPerTokenJ),
        new("iterations", true, s => s.Iterations),
        new("preemptions", true, s => s.Preemptions),
        new("peak_kv_blocks_used", true, s => s.PeakKvBlocksUsed),
        new("overloaded", true, s => s.Overloaded ? 1 : 0),
        new("queue_growth_requests_per_s", false, s => s.QueueGrowthRequestsPerS),
        new("prefix_hit_rate", false, s => s.PrefixCache?.HitRate ?? double.NaN),
        new("kv_transfer_mean_s", false, s => s.Disaggregation?.KvTransferMeanS ?? double.NaN),
        new("kv_transfer_p99_s", false, s => s.Disaggregation?.KvTransferP99S ?? double.NaN),
    ];

    public static IReadOnlyDictionary<string, double> From(ReplaySummary s) =>
        Metrics.ToDictionary(c => c.Name, c => c.Value(s), StringComparer.Ordinal);
}

using TraceReplay.Simulation.Metrics;
using static TraceReplay.Simulation.Metrics.MetricNames;

namespace TraceReplay.Reports.Sweeps;

/// <summary>The metric columns of sweep.parquet, named as in summary.json (keys from the metric catalogue). Counts are int64, the rest nullable doubles.</summary>
public static class SweepColumns
{
    /// <summary>A column: its catalogue metric (the column is named by its key), storage type and value.</summary>
    public sealed record Column(Metric Metric, bool IsCount, Func<ReplaySummary, double> Value)
    {
        public string Name => Metric.Name;

        public Column(string name, bool isCount, Func<ReplaySummary, double> value)
            : this(MetricCatalog.Get(name), isCount, value)
        {
        }
    }

    public static readonly IReadOnlyList<Column> Metrics =
    [
        new(Requests, true, s => s.Requests),
        new(Completed, true, s => s.Completed),
        new(Rejected, true, s => s.Rejected),
        new(SimDurationS, false, s => s.SimDurationS),
        new(TtftMeanS, false, s => s.TtftMeanS),
        new(TtftP50S, false, s => s.TtftP50S),
        new(TtftP90S, false, s => s.TtftP90S),
        new(TtftP99S, false, s => s.TtftP99S),
        new(TbtMeanS, false, s => s.TbtMeanS),
        new(TbtP99S, false, s => s.TbtP99S),
        new(E2eMeanS, false, s => s.E2eMeanS),
        new(E2eP50S, false, s => s.E2eP50S),
        new(E2eP99S, false, s => s.E2eP99S),
        new(ThroughputTokensPerS, false, s => s.ThroughputTokensPerS),
        new(OutputThroughputTokensPerS, false, s => s.OutputThroughputTokensPerS),
        new(SloAttainment, false, s => s.SloAttainment),
        new(HbmBytesTotal, false, s => s.HbmBytesTotal),
        new(EnergyJ, false, s => s.EnergyJ),
        new(EnergyPerTokenJ, false, s => s.EnergyPerTokenJ),
        new(Iterations, true, s => s.Iterations),
        new(Preemptions, true, s => s.Preemptions),
        new(PeakKvBlocksUsed, true, s => s.PeakKvBlocksUsed),
        new(Overloaded, true, s => s.Overloaded ? 1 : 0),
        new(QueueGrowthRequestsPerS, false, s => s.QueueGrowthRequestsPerS),
        new(PrefixHitRate, false, s => s.PrefixCache?.HitRate ?? double.NaN),
        new(KvTransferMeanS, false, s => s.Disaggregation?.KvTransferMeanS ?? double.NaN),
        new(KvTransferP99S, false, s => s.Disaggregation?.KvTransferP99S ?? double.NaN),
    ];

    public static IReadOnlyDictionary<string, double> From(ReplaySummary s) =>
        Metrics.ToDictionary(c => c.Name, c => c.Value(s), StringComparer.Ordinal);
}

using TraceReplay.Reports.Runs;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Compare;

/// <summary>
/// A catalogue metric <c>compare</c> can judge, with how to compute it from per-request data. <see cref="Prepare"/>
/// returns null when the run lacks what the metric needs (SLO attainment of a replay without an SLO, prefix hit rate
/// of requests without block hashes).
/// </summary>
public sealed record MetricDefinition(Metric Metric, Func<RunData, PreparedMetric?> Prepare)
{
    public string Name => Metric.Name;

    public string Unit => Metric.Unit;

    public Better Better => Metric.Better;

    public bool IsFraction => Metric.IsFraction;

    /// <summary>How compare computes it where that differs from the catalogue's meaning (held-fixed duration, run totals).</summary>
    public string Note { get; init; } = "";

    /// <summary>The catalogue's description followed by <see cref="Note"/>.</summary>
    public string Definition => Metric.Description + Note;

    /// <summary>Reported only where some run has it (a feature's figure: no prefix row without block hashes, no EP row without --ep).</summary>
    public bool Optional { get; init; }

    /// <summary>Why <see cref="Prepare"/> can return null, for the error when a policy asks for it anyway.</summary>
    public string Unavailable { get; init; } = "was replayed without an SLO (--slo-ttft-s / --slo-tbt-s)";
}

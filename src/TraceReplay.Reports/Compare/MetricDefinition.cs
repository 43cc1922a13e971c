using TraceReplay.Reports.Runs;

namespace TraceReplay.Reports.Compare;

/// <summary>
/// A metric <c>compare</c> can judge: its key (summary.json's where the definition is the same), unit, good
/// direction, and how to compute it from per-request data. <see cref="Prepare"/> returns null when the run lacks
/// what the metric needs (SLO attainment of a replay without an SLO, prefix hit rate of requests without block hashes).
/// </summary>
public sealed record MetricDefinition(string Name, string Unit, Better Better, string Definition, Func<RunData, PreparedMetric?> Prepare)
{
    /// <summary>True for fractions in [0, 1], whose limits may be given in percentage points.</summary>
    public bool IsFraction => Unit == "fraction";

    /// <summary>Reported only where some run has it (a feature's figure: no prefix row without block hashes, no EP row without --ep).</summary>
    public bool Optional { get; init; }

    /// <summary>Why <see cref="Prepare"/> can return null, for the error when a policy asks for it anyway.</summary>
    public string Unavailable { get; init; } = "was replayed without an SLO (--slo-ttft-s / --slo-tbt-s)";
}

using TraceReplay.Reports.Runs;

namespace TraceReplay.Reports.Compare;

/// <summary>
/// A metric <c>compare</c> can judge: its key (summary.json's where the definition is the same), unit, good
/// direction, and how to compute it from per-request data. <see cref="Prepare"/> returns null when the run lacks
/// what the metric needs (SLO attainment of a replay without an SLO).
/// </summary>
public sealed record MetricDefinition(string Name, string Unit, Better Better, string Definition, Func<RunData, PreparedMetric?> Prepare)
{
    /// <summary>True for fractions in [0, 1], whose limits may be given in percentage points.</summary>
    public bool IsFraction => Unit == "fraction";

    /// <summary>Listed in reports only when some run has it (a figure of an optional feature, such as expert parallelism).</summary>
    public bool OnlyWhenPresent { get; init; }
}

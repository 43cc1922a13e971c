namespace TraceReplay.Simulation.Metrics;

/// <summary>One entry of the <see cref="MetricCatalog"/>: a figure's key (as in summary.json), unit, good direction and meaning.</summary>
public sealed record Metric(string Name, string Unit, Better Better, string Description)
{
    /// <summary>True for fractions in [0, 1], whose limits may be given in percentage points.</summary>
    public bool IsFraction => Unit == "fraction";
}

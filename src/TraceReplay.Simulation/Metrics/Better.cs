namespace TraceReplay.Simulation.Metrics;

/// <summary>Which way a metric improves; <see cref="Neither"/> for counts and sizes that describe a run rather than grade it.</summary>
public enum Better
{
    Lower,
    Higher,
    Neither,
}

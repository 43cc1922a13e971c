using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>The outcome of one <see cref="RunSpec"/>; <paramref name="WallS"/> is the only non-deterministic field.</summary>
public sealed record RunResult(RunSpec Spec, ReplaySummary Summary, string Routing, double WallS);

using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Workloads;

namespace TraceReplay.Cli.Validation;

/// <summary>A measured point made replayable, or the reason it cannot be (<see cref="Note"/>).</summary>
public sealed record ValidationCase(MeasuredPoint Point, ReplayOptions? Options, ClosedLoopWorkload? Workload, string? Note)
{
    public bool Expressible => Note is null;
}

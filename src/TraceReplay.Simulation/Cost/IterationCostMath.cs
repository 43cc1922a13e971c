using TraceReplay.Core.Cost;

namespace TraceReplay.Simulation.Cost;

internal static class IterationCostMath
{
    public static IterationCost Add(in IterationCost a, in IterationCost b) =>
        new(a.LatencyUs + b.LatencyUs, a.Bytes + b.Bytes, a.Flops + b.Flops);
}

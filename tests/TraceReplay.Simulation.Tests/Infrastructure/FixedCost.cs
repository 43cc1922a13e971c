using TraceReplay.Core.Cost;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Tests.Infrastructure;

/// <summary>Every iteration takes the same time: scheduler tests then read token times straight off iteration counts.</summary>
internal sealed class FixedCost(double latencyUs = 1000) : IIterationCostEvaluator
{
    public IterationCost Evaluate(IterationPlan plan) => new(latencyUs, default, 0);
}

using TraceReplay.Core.Cost;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Cost;

/// <summary>Latency, HBM bytes and FLOPs of one iteration on one GPU of the instance.</summary>
public interface IIterationCostEvaluator
{
    IterationCost Evaluate(IterationPlan plan);
}

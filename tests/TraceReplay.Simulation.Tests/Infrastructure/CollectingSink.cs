using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Tests.Infrastructure;

/// <summary>Keeps every request outcome and iteration of a replay in memory, in the order they happened.</summary>
internal sealed class CollectingSink : IReplaySink
{
    public List<RequestOutcome> Requests { get; } = [];
    public List<IterationRecord> Iterations { get; } = [];

    public void OnRequest(in RequestOutcome outcome) => Requests.Add(outcome);

    public void OnIteration(in IterationRecord iteration) => Iterations.Add(iteration);
}

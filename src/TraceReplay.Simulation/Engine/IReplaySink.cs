namespace TraceReplay.Simulation.Engine;

/// <summary>Receives results as they happen, so nothing per request or iteration accumulates in memory.</summary>
public interface IReplaySink
{
    void OnRequest(in RequestOutcome outcome);

    void OnIteration(in IterationRecord iteration);
}

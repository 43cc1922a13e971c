namespace TraceReplay.Simulation.Engine;

/// <summary>How one request ended. Times are ns from the trace start; -1 where there is none (rejected, no gaps).</summary>
public readonly record struct RequestOutcome(
    long Id, int Instance, bool Completed, string? RejectReason, long ArrivalNs, long FirstTokenNs, long FinishNs,
    int PromptTokens, int OutputTokens, int GeneratedTokens, int Preemptions, long MaxGapNs, double MeanGapNs, long P99GapNs,
    bool? SloMet)
{
    public long TtftNs => Completed ? FirstTokenNs - ArrivalNs : -1;
    public long E2eNs => Completed ? FinishNs - ArrivalNs : -1;
}

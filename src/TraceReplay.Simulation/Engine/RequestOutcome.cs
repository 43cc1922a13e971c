namespace TraceReplay.Simulation.Engine;

/// <summary>How one request ended. Times are ns from the trace start; -1 where there is none (rejected, no gaps).</summary>
public readonly record struct RequestOutcome(
    long Id, int Instance, bool Completed, string? RejectReason, long ArrivalNs, long FirstTokenNs, long FinishNs,
    int PromptTokens, int OutputTokens, int GeneratedTokens, int Preemptions, long MaxGapNs, double MeanGapNs, long P99GapNs,
    bool? SloMet)
{
    public long TtftNs => Completed ? FirstTokenNs - ArrivalNs : -1;
    public long E2eNs => Completed ? FinishNs - ArrivalNs : -1;

    /// <summary>
    /// Time per output token as vLLM bench serve and genai-perf define it: (E2E - TTFT) / (output tokens - 1), i.e.
    /// first to last token over the gaps between them. NaN for rejected requests and for one-token outputs (no gap),
    /// which both tools also leave out of their TPOT statistics.
    /// </summary>
    public double TpotNs => Completed && GeneratedTokens > 1 ? (FinishNs - FirstTokenNs) / (double)(GeneratedTokens - 1) : double.NaN;
}

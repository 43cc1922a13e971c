using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>
/// Decode priority: every running decode runs every iteration, unbounded by the budget; prompt chunks (continuing
/// first, then FCFS admissions) fill only what <c>--max-batched-tokens</c> leaves after the decodes.
/// </summary>
[Scheduler("decode-first", "decodes always run; prefill chunks fill what --max-batched-tokens leaves")]
public sealed class DecodeFirstScheduler(ReplayOptions options) : IScheduler
{
    public void Schedule(SchedulerContext ctx, IterationPlan plan)
    {
        ChunkedPrefill.AllDecodes(ctx, plan);
        int budget = options.MaxBatchedTokens - plan.DecodeCount;
        ChunkedPrefill.Continue(ctx, plan, ref budget);
        ChunkedPrefill.Admit(ctx, plan, ref budget);
    }
}

using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>
/// Decode priority: every running decode runs every iteration; prompt chunks (continuing first, then FCFS
/// admissions) fill only what <c>--max-batched-tokens</c> leaves after the decodes. To keep decodes running, a new
/// prompt is admitted only if its KV blocks leave one free block per running decode (room to cross the next block
/// boundary), so admissions do not push decodes into preemption the way sarathi/vllm admissions can.
/// </summary>
[Scheduler("decode-first", "decodes always run; prefill fills what --max-batched-tokens leaves, admission keeps KV headroom for decodes", PrefixCaching = true)]
public sealed class DecodeFirstScheduler(ReplayOptions options) : IScheduler
{
    public void Schedule(SchedulerContext ctx, IterationPlan plan)
    {
        ChunkedPrefill.AllDecodes(ctx, plan);
        int budget = options.MaxBatchedTokens - plan.DecodeCount;
        ChunkedPrefill.Continue(ctx, plan, ref budget);
        ChunkedPrefill.Admit(ctx, plan, ref budget, keepFreeBlocks: plan.DecodeCount);
    }
}

using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>
/// Sarathi-Serve chunked prefill: one token budget per iteration (<c>--chunk-tokens</c>) that counts each decode as
/// one token; order: running decodes, continuing prompt chunks, new admissions FCFS; chunk = min(remaining, budget
/// left). Every chunk passes through all layers.
/// </summary>
[Scheduler("sarathi", "chunked prefill, per-iteration token budget including decodes (Sarathi-Serve)", PrefixCaching = true)]
public sealed class SarathiScheduler(ReplayOptions options) : IScheduler
{
    public void Schedule(SchedulerContext ctx, IterationPlan plan)
    {
        ChunkedPrefill.AllDecodes(ctx, plan, limit: options.ChunkTokens);
        int budget = options.ChunkTokens - plan.DecodeCount;
        ChunkedPrefill.Continue(ctx, plan, ref budget);
        ChunkedPrefill.Admit(ctx, plan, ref budget);
    }
}

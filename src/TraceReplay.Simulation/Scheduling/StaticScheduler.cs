using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>
/// Request-level batching (FasterTransformer style): when the instance is empty, admit FCFS up to max sequences
/// and <c>--max-batched-tokens</c> prompt tokens, reserving each request's whole KV (prompt + output) up front;
/// prefill them together, then decode until every one finishes. Finished requests leave the batch (no padding is
/// modelled); nothing is admitted until the batch is empty.
/// </summary>
[Scheduler("static", "request-level batching: a batch runs to completion before the next is admitted")]
public sealed class StaticScheduler(ReplayOptions options) : IScheduler
{
    public void Schedule(SchedulerContext ctx, IterationPlan plan)
    {
        RequestTable r = ctx.Requests;
        if (ctx.Running.Count > 0)
        {
            ChunkedPrefill.AllDecodes(ctx, plan);
            return;
        }
        while (ctx.Waiting.Count > 0 && ctx.Running.Count < options.MaxSequences)
        {
            int head = ctx.Waiting.PeekFront();
            int target = r.Prompt[head] + r.Generated[head];
            if (plan.PieceCount > 0 && plan.PrefillTokens + target > options.MaxBatchedTokens)
            {
                break;
            }
            int lifetime = Math.Max(target, r.Prompt[head] + r.Output[head] - 1);
            if (!ctx.TryAdmitHead(lifetime))
            {
                break;
            }
            plan.AddPiece(head, target, 0, emitsToken: true);
        }
    }
}

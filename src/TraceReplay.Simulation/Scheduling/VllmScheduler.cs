using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>
/// vLLM v0 default (no chunked prefill), prefill-first: whenever waiting prompts can be admitted, the iteration runs
/// only whole prompts (FCFS, packed up to <c>--max-batched-tokens</c>, max sequences and free KV blocks) and the
/// decodes stall; otherwise every running request decodes. A prompt longer than the limit runs alone.
/// </summary>
[Scheduler("vllm", "prefill-first continuous batching, whole prompts up to --max-batched-tokens (vLLM v0 default)", PrefixCaching = true)]
public sealed class VllmScheduler(ReplayOptions options) : IScheduler
{
    public void Schedule(SchedulerContext ctx, IterationPlan plan)
    {
        RequestTable r = ctx.Requests;
        while (ctx.Waiting.Count > 0 && ctx.Running.Count < options.MaxSequences)
        {
            int head = ctx.Waiting.PeekFront();
            int target = r.Prompt[head] + r.Generated[head];
            if (plan.PieceCount > 0 && plan.PrefillTokens + target > options.MaxBatchedTokens)
            {
                break;
            }
            if (!ctx.TryAdmitHead())
            {
                break;
            }
            plan.AddPiece(head, ctx.Running.RemainingPrefill(head), ctx.Running.Computed(head), emitsToken: true);
        }
        if (plan.PieceCount == 0)
        {
            ChunkedPrefill.AllDecodes(ctx, plan);
        }
    }
}

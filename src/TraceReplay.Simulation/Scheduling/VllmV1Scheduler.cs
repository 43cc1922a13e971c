using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>
/// vLLM's V1 engine scheduler (<c>vllm/v1/core/sched/scheduler.py</c>, the default since vLLM 0.8.x), chunked prefill
/// always on. One token budget per step, <c>max_num_batched_tokens</c>. First the running requests, in admission
/// order: a decode takes one token, an unfinished prompt takes min(remaining, budget left). Then, only if nothing was
/// preempted this step, waiting requests FCFS while budget, <c>max_num_seqs</c> and KV blocks last, each with a chunk
/// of min(prompt, budget left). KV blocks are allocated per scheduled chunk, not per whole prompt; when they run out
/// the youngest running request is preempted by recompute. Its budgets default to vLLM's for the GPU
/// (<see cref="VllmDefaults"/>). Unlike <c>sarathi</c>, a running prompt chunk is not put after later decodes, and
/// admissions reserve only the chunk's blocks.
/// </summary>
[Scheduler("vllm-v1", "vLLM V1 default: running requests (decodes, prompt chunks) then waiting ones in one --max-batched-tokens budget, chunked prefill, CUDA-graph decode", PrefixCaching = true)]
public sealed class VllmV1Scheduler(ReplayOptions options) : IScheduler
{
    public void Schedule(SchedulerContext ctx, IterationPlan plan)
    {
        RunningBatch r = ctx.Running;
        int budget = options.MaxBatchedTokens;
        long preemptionsBefore = ctx.Preemptions;
        foreach (int s in ctx.RunningSnapshot())
        {
            if (budget <= 0)
            {
                break;
            }
            if (!r.Contains(s))
            {
                continue; // preempted as a victim earlier in this loop
            }
            if (r.IsDecoding(s))
            {
                if (ctx.EnsureDecodeBlock(s, plan))
                {
                    plan.AddDecode(s, r.Computed(s));
                    budget--;
                }
                continue;
            }
            int chunk = Math.Min(r.RemainingPrefill(s), budget);
            if (ctx.EnsureBlocks(s, (long)r.Computed(s) + chunk, plan))
            {
                ChunkedPrefill.AddChunk(r, s, plan, ref budget);
            }
        }
        if (ctx.Preemptions != preemptionsBefore)
        {
            return; // vLLM admits nothing in a step that preempted
        }
        ChunkedPrefill.AdmitFirstChunks(ctx, plan, ref budget);
    }
}

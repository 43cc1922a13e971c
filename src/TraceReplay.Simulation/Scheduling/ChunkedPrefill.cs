using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>Prefill filling shared by the token-budget schedulers: continuing chunks first, then FCFS admissions.</summary>
internal static class ChunkedPrefill
{
    /// <summary>Runs the running requests' unfinished prompts, in admission order, while budget lasts.</summary>
    public static void Continue(SchedulerContext ctx, IterationPlan plan, ref int budget)
    {
        RunningBatch running = ctx.Running;
        foreach (int s in running.PrefillSlots)
        {
            if (budget <= 0)
            {
                return;
            }
            AddChunk(running, s, plan, ref budget);
        }
    }

    /// <summary>Admits waiting requests FCFS (KV blocks and max sequences permitting) and runs a chunk of each;
    /// <paramref name="keepFreeBlocks"/> blocks must stay free after an admission.</summary>
    public static void Admit(SchedulerContext ctx, IterationPlan plan, ref int budget, int keepFreeBlocks = 0)
    {
        while (CanAdmit(ctx, budget)
            && ctx.Blocks.AvailableBlocks - BlocksToAdmit(ctx, ctx.Waiting.PeekFront()) >= keepFreeBlocks && ctx.TryAdmitHead())
        {
            AddChunk(ctx.Running, ctx.Running.LastAddedSlot, plan, ref budget);
        }
    }

    /// <summary>As <see cref="Admit"/>, but each admission reserves KV blocks for its first chunk only (vLLM V1).</summary>
    public static void AdmitFirstChunks(SchedulerContext ctx, IterationPlan plan, ref int budget)
    {
        while (CanAdmit(ctx, budget) && ctx.TryAdmitHead(chunkBudget: budget))
        {
            AddChunk(ctx.Running, ctx.Running.LastAddedSlot, plan, ref budget);
        }
    }

    private static bool CanAdmit(SchedulerContext ctx, int budget) =>
        budget > 0 && ctx.Waiting.Count > 0 && ctx.Running.Count < ctx.Options.MaxSequences;

    /// <summary>A chunk of min(remaining prompt, budget) tokens of running <paramref name="slot"/>.</summary>
    public static void AddChunk(RunningBatch running, int slot, IterationPlan plan, ref int budget)
    {
        int computed = running.Computed(slot);
        int c = Math.Min(running.Target(slot) - computed, budget);
        plan.AddPiece(slot, c, computed, computed + c == running.Target(slot));
        budget -= c;
    }

    private static int BlocksToAdmit(SchedulerContext ctx, int slot) =>
        ctx.Blocks.BlocksFor(ctx.Requests.Prompt[slot] + ctx.Requests.Generated[slot]) - ctx.Requests.Blocks[slot];

    /// <summary>
    /// Every decoding request (up to <paramref name="limit"/>), each given room for one more KV token. When the free
    /// blocks cover them all, one vector pass over the batch's decode prefix; otherwise request by request in admission
    /// order, preempting the youngest when blocks run out.
    /// </summary>
    public static void AllDecodes(SchedulerContext ctx, IterationPlan plan, int limit = int.MaxValue)
    {
        RunningBatch running = ctx.Running;
        int n = Math.Min(running.DecodeCount, limit);
        if (plan.DecodeCount == 0 && running.TryGrowDecodes(n, ctx.Blocks))
        {
            running.CopyDecodes(n, plan);
            return;
        }
        foreach (int s in ctx.DecodingSnapshot())
        {
            if (plan.DecodeCount >= limit)
            {
                return;
            }
            // A request preempted as a victim earlier in this loop no longer decodes.
            if (running.IsDecoding(s) && ctx.EnsureDecodeBlock(s, plan))
            {
                plan.AddDecode(s, running.Computed(s));
            }
        }
    }
}

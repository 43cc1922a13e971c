using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>Prefill filling shared by the token-budget schedulers: continuing chunks first, then FCFS admissions.</summary>
internal static class ChunkedPrefill
{
    /// <summary>Runs the running requests' unfinished prompts, in admission order, while budget lasts.</summary>
    public static void Continue(SchedulerContext ctx, IterationPlan plan, ref int budget)
    {
        RequestTable r = ctx.Requests;
        foreach (int s in ctx.Running)
        {
            if (budget <= 0)
            {
                return;
            }
            if (r.IsDecoding(s))
            {
                continue;
            }
            int c = Math.Min(r.RemainingPrefill(s), budget);
            plan.AddPiece(s, c, r.Computed[s], r.Computed[s] + c == r.PrefillTarget[s]);
            budget -= c;
        }
    }

    /// <summary>Admits waiting requests FCFS (KV blocks and max sequences permitting) and runs a chunk of each;
    /// <paramref name="keepFreeBlocks"/> blocks must stay free after an admission.</summary>
    public static void Admit(SchedulerContext ctx, IterationPlan plan, ref int budget, int keepFreeBlocks = 0)
    {
        RequestTable r = ctx.Requests;
        while (budget > 0 && ctx.Waiting.Count > 0 && ctx.Running.Count < ctx.Options.MaxSequences
            && ctx.Blocks.AvailableBlocks - BlocksToAdmit(ctx, ctx.Waiting.PeekFront()) >= keepFreeBlocks && ctx.TryAdmitHead())
        {
            int s = ctx.Running[^1];
            int c = Math.Min(r.RemainingPrefill(s), budget);
            plan.AddPiece(s, c, r.Computed[s], r.Computed[s] + c == r.PrefillTarget[s]);
            budget -= c;
        }
    }

    private static int BlocksToAdmit(SchedulerContext ctx, int slot) =>
        ctx.Blocks.BlocksFor(ctx.Requests.Prompt[slot] + ctx.Requests.Generated[slot]) - ctx.Requests.Blocks[slot];

    /// <summary>Every decoding request, each given room for one more KV token (preempting when blocks run out).</summary>
    public static void AllDecodes(SchedulerContext ctx, IterationPlan plan, int limit = int.MaxValue)
    {
        RequestTable r = ctx.Requests;
        foreach (int s in ctx.DecodingSnapshot())
        {
            if (plan.DecodeCount >= limit)
            {
                return;
            }
            // A request preempted as a victim earlier in this loop no longer decodes.
            if (r.IsDecoding(s) && ctx.EnsureDecodeBlock(s, plan))
            {
                plan.AddDecode(s, r.Computed[s]);
            }
        }
    }
}

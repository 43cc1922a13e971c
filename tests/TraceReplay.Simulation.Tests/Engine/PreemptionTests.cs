using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Engine;

public sealed class PreemptionTests
{
    [Fact]
    public void When_blocks_run_out_the_youngest_request_is_preempted_and_recomputes_prompt_plus_generated_tokens()
    {
        // 10 blocks x 16 tokens. A and B (64-token prompts) reach 5 blocks each at 65 cached tokens; at 81, A needs a
        // sixth block, none is free, so B (younger: larger id at the same arrival) is freed and re-queued.
        var h = new InstanceHarness("sarathi", kvBlocks: 10);
        long a = h.Add(64, 40), b = h.Add(64, 40);
        List<PlanView> it = h.RunToIdle();

        Assert.Equal(0, h.Finished[a].Preemptions);
        Assert.Equal(1, h.Finished[b].Preemptions);
        // B had sampled 17 tokens (1 from prefill + 16 decodes at 64..79 cached) when preempted at A's 81st token.
        int recompute = it.FindIndex(p => p.Pieces.Any(x => x.Id == b && x.Offset == 0 && x.Tokens == 64 + 17));
        Assert.True(recompute > 0, "B's recompute prefill of prompt + generated tokens");
        Assert.True(it[recompute].Pieces.Single(x => x.Id == b).Emits);
        Assert.DoesNotContain(it.Take(recompute), p => p.DecodeIds.Contains(b) && p.Decodes.Single(d => d.Id == b).Cached >= 80);
        Assert.Equal(40, h.Finished[b].GeneratedTokens);
        Assert.Equal(0, h.Instance.Context.Blocks.UsedBlocks);
    }

    [Fact]
    public void A_request_preempted_by_itself_returns_to_the_front_of_the_queue()
    {
        var h = new InstanceHarness("sarathi", kvBlocks: 10);
        h.Add(64, 40);
        h.Add(64, 40);
        for (int i = 0; i < 18; i++)
        {
            h.Step();
        }
        long queued = h.Table.Id[h.Instance.Context.Waiting.PeekFront()];
        Assert.Equal(1, queued);
        Assert.Equal(1, h.Instance.Context.Running.Count);
    }
}

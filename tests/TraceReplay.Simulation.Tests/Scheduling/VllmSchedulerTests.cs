using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Scheduling;

public sealed class VllmSchedulerTests
{
    [Fact]
    public void Prefill_first_stalls_running_decodes_while_a_new_prompt_is_admitted()
    {
        var h = new InstanceHarness("vllm");
        long a = h.Add(prompt: 100, output: 3);
        PlanView p1 = h.Step()!;
        Assert.Equal([(a, 100, 0, true)], p1.Pieces);

        long b = h.Add(prompt: 50, output: 2);
        PlanView p2 = h.Step()!;
        Assert.Equal([(b, 50, 0, true)], p2.Pieces);
        Assert.Empty(p2.Decodes); // A's second token waits for B's prefill

        PlanView p3 = h.Step()!;
        Assert.Equal([(a, 100), (b, 50)], p3.Decodes);
        PlanView p4 = h.Step()!;
        Assert.Equal([(a, 101)], p4.Decodes);
        Assert.Null(h.Step());
        // A's tokens at 1, 3 and 4 ms: the gap between its first two spans the stalled iteration.
        Assert.Equal(1 * InstanceHarness.IterationNs, h.Finished[a].FirstTokenNs);
        Assert.Equal(4 * InstanceHarness.IterationNs, h.Finished[a].FinishNs);
    }

    [Fact]
    public void Whole_prompts_are_packed_up_to_max_batched_tokens()
    {
        var h = new InstanceHarness("vllm");
        long c = h.Add(5000, 1), d = h.Add(4000, 1), e = h.Add(3000, 1);
        Assert.Equal([(c, 5000, 0, true)], h.Step()!.Pieces);
        Assert.Equal([(d, 4000, 0, true), (e, 3000, 0, true)], h.Step()!.Pieces);
        Assert.Null(h.Step());
    }
}

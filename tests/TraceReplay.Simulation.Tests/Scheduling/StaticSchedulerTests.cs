using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Scheduling;

public sealed class StaticSchedulerTests
{
    [Fact]
    public void A_batch_runs_to_completion_before_the_next_request_is_admitted()
    {
        var h = new InstanceHarness("static");
        long a = h.Add(prompt: 100, output: 3);
        long b = h.Add(prompt: 100, output: 1);
        PlanView p1 = h.Step()!;
        Assert.Equal([(a, 100, 0, true), (b, 100, 0, true)], p1.Pieces);
        Assert.True(h.Finished.ContainsKey(b));

        long c = h.Add(prompt: 50, output: 1);
        PlanView p2 = h.Step()!;
        Assert.Equal([(a, 100)], p2.Decodes);
        Assert.Empty(p2.Pieces); // C waits although the batch has room
        PlanView p3 = h.Step()!;
        Assert.Equal([(a, 101)], p3.Decodes);
        PlanView p4 = h.Step()!;
        Assert.Equal([(c, 50, 0, true)], p4.Pieces);
        Assert.Null(h.Step());
    }

    [Fact]
    public void Admission_reserves_the_whole_lifetime_of_kv_so_nothing_is_preempted()
    {
        // 10 blocks of 16 tokens: A needs ceil((64 + 40 - 1) / 16) = 7, so B (7 more) waits for the next batch.
        var h = new InstanceHarness("static", kvBlocks: 10);
        long a = h.Add(64, 40), b = h.Add(64, 40);
        PlanView p1 = h.Step()!;
        Assert.Equal([(a, 64, 0, true)], p1.Pieces);
        Assert.Equal(7, h.Instance.Context.Blocks.UsedBlocks);
        h.RunToIdle();
        Assert.Equal(0, h.Finished[a].Preemptions + h.Finished[b].Preemptions);
        Assert.Equal(40, h.Finished[b].GeneratedTokens);
    }
}

using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Scheduling;

public sealed class SarathiSchedulerTests
{
    [Fact]
    public void Budget_of_512_counts_decodes_then_continuing_chunks_then_new_admissions()
    {
        var h = new InstanceHarness("sarathi");
        long a = h.Add(prompt: 1000, output: 3);
        long b = h.Add(prompt: 300, output: 2);
        List<PlanView> it = h.RunToIdle();

        Assert.Equal(4, it.Count);
        // 1: A's first chunk fills the budget.
        Assert.Empty(it[0].Decodes);
        Assert.Equal([(a, 512, 0, false)], it[0].Pieces);
        // 2: A's last 488 tokens (sampling its first token), then B admitted with the 24 tokens left.
        Assert.Equal([(a, 488, 512, true), (b, 24, 0, false)], it[1].Pieces);
        // 3: A decodes (1 token), B's remaining 276 tokens fit in the 511 left.
        Assert.Equal([(a, 1000)], it[2].Decodes);
        Assert.Equal([(b, 276, 24, true)], it[2].Pieces);
        // 4: both decode and finish.
        Assert.Equal([(a, 1001), (b, 300)], it[3].Decodes);
        Assert.Empty(it[3].Pieces);
        Assert.Equal(2 * InstanceHarness.IterationNs, h.Finished[a].FirstTokenNs);
        Assert.Equal(3 * InstanceHarness.IterationNs, h.Finished[b].FirstTokenNs);
        Assert.All(h.Finished.Values, f => Assert.Equal(f.OutputTokens, f.GeneratedTokens));
    }

    [Fact]
    public void Decodes_are_capped_by_the_budget_so_a_tiny_budget_starves_admissions()
    {
        var h = new InstanceHarness("sarathi", configure: o => o with { ChunkTokens = 2 });
        long a = h.Add(1, 5), b = h.Add(1, 5), c = h.Add(1, 5);
        PlanView first = h.Step()!;
        Assert.Equal([(a, 1, 0, true), (b, 1, 0, true)], first.Pieces);
        PlanView second = h.Step()!;
        Assert.Equal([a, b], second.DecodeIds);
        Assert.Empty(second.Pieces);
        Assert.Equal(1, h.Instance.Context.Waiting.Count);
        h.RunToIdle();
        Assert.Equal(5, h.Finished[c].GeneratedTokens);
    }
}

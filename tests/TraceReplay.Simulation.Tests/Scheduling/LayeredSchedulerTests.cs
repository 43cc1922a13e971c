using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Scheduling;

public sealed class LayeredSchedulerTests
{
    [Fact]
    public void A_cohort_passes_one_layer_group_per_iteration_while_decodes_run_every_iteration()
    {
        var h = new InstanceHarness("layered"); // Qwen3-30B-A3B: 48 layers, cap 16
        long r = h.Add(prompt: 100, output: 10);
        PlanView p1 = h.Step()!;
        Assert.Equal((0, 48, 0, 1), (p1.LayerStart, p1.LayerEnd, p1.Group, p1.Groups)); // T = 100 -> G = 1
        Assert.Equal([(r, 100, 0, true)], p1.Pieces);

        long a = h.Add(prompt: 600, output: 2);
        long b = h.Add(prompt: 400, output: 2);
        PlanView p2 = h.Step()!;
        // Cohort of 1000 tokens -> G = 2 groups of 24 layers; no token sampled before the last group.
        Assert.Equal((0, 24, 0, 2), (p2.LayerStart, p2.LayerEnd, p2.Group, p2.Groups));
        Assert.Equal([(a, 600, 0, false), (b, 400, 0, false)], p2.Pieces);
        Assert.Equal([(r, 100)], p2.Decodes);

        long c = h.Add(prompt: 100, output: 1);
        PlanView p3 = h.Step()!;
        Assert.Equal((24, 48, 1, 2), (p3.LayerStart, p3.LayerEnd, p3.Group, p3.Groups));
        Assert.Equal([(a, 600, 0, true), (b, 400, 0, true)], p3.Pieces); // c waits: one cohort in flight
        Assert.Equal([(r, 101)], p3.Decodes);

        PlanView p4 = h.Step()!;
        Assert.Equal([r, a, b], p4.DecodeIds);
        Assert.Equal([(c, 100, 0, true)], p4.Pieces);
        h.RunToIdle();
        // The cohort arrived after iteration 1 and finished in exactly G = 2 iterations.
        Assert.Equal(3 * InstanceHarness.IterationNs, h.Finished[a].FirstTokenNs);
        Assert.Equal(h.Finished[a].FirstTokenNs, h.Finished[b].FirstTokenNs);
    }

    [Fact]
    public void Prompts_over_8192_tokens_are_chunked_and_each_chunk_takes_its_own_groups()
    {
        var h = new InstanceHarness("layered");
        long l = h.Add(prompt: 10_000, output: 1);
        List<PlanView> it = h.RunToIdle();
        // 8192-token chunk: T > 4096 -> G = cap 16 (3 layers each); then 1808 tokens -> G = 4 (12 layers each).
        Assert.Equal(20, it.Count);
        Assert.All(it.Take(16), p => Assert.Equal((l, 8192, 0, false), Assert.Single(p.Pieces)));
        Assert.Equal(Enumerable.Range(0, 16).Select(g => (3 * g, 3 * g + 3)), it.Take(16).Select(p => (p.LayerStart, p.LayerEnd)));
        Assert.All(it.Skip(16).Take(3), p => Assert.Equal((l, 1808, 8192, false), Assert.Single(p.Pieces)));
        Assert.Equal((l, 1808, 8192, true), Assert.Single(it[19].Pieces));
        Assert.Equal((36, 48, 3, 4), (it[19].LayerStart, it[19].LayerEnd, it[19].Group, it[19].Groups));
        Assert.Equal(20 * InstanceHarness.IterationNs, h.Finished[l].FirstTokenNs);
    }

    [Fact]
    public void Cohort_admission_is_fcfs_up_to_the_cohort_budget_and_a_fixed_group_count_is_honoured()
    {
        var h = new InstanceHarness("layered", configure: o => o with { LayerGroups = 3 });
        long a = h.Add(5000, 1), b = h.Add(4000, 1), c = h.Add(100, 1);
        PlanView p1 = h.Step()!;
        Assert.Equal([(a, 5000, 0, false)], p1.Pieces); // b does not fit the 3192 left, and c may not skip it
        Assert.Equal((0, 16, 0, 3), (p1.LayerStart, p1.LayerEnd, p1.Group, p1.Groups));
        h.Step();
        h.Step();
        PlanView p4 = h.Step()!;
        Assert.Equal([(b, 4000, 0, false), (c, 100, 0, false)], p4.Pieces);
    }
}

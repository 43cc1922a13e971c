using TraceReplay.Core.Hardware;
using TraceReplay.Simulation.Scheduling;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Scheduling;

public sealed class VllmV1SchedulerTests
{
    private static InstanceHarness Harness(int budget, int kvBlocks = 100_000) =>
        new("vllm-v1", kvBlocks, o => o with { MaxBatchedTokens = budget, MaxSequences = 1024 });

    [Fact]
    public void Running_requests_come_first_in_admission_order_then_waiting_ones_in_one_budget()
    {
        InstanceHarness h = Harness(budget: 100);
        long a = h.Add(prompt: 250, output: 3);
        Assert.Equal([(a, 100, 0, false)], h.Step()!.Pieces);
        long b = h.Add(prompt: 30, output: 2);
        PlanView p2 = h.Step()!;
        Assert.Equal([(a, 100, 100, false)], p2.Pieces); // the running prompt takes the whole budget; B waits
        PlanView p3 = h.Step()!;
        Assert.Equal([(a, 50, 200, true), (b, 30, 0, true)], p3.Pieces);
        PlanView p4 = h.Step()!;
        Assert.Equal([(a, 250), (b, 30)], p4.Decodes);
        Assert.Empty(p4.Pieces);
    }

    [Fact]
    public void A_running_prompt_chunk_is_not_put_behind_later_decodes()
    {
        InstanceHarness h = Harness(budget: 64);
        long a = h.Add(prompt: 10, output: 5);
        h.Step();
        long b = h.Add(prompt: 200, output: 2);
        long c = h.Add(prompt: 10, output: 5);
        PlanView p = h.Step()!; // A decodes (1), B's first chunk (63) fills the rest: C waits
        Assert.Equal([(a, 10)], p.Decodes);
        Assert.Equal([(b, 63, 0, false)], p.Pieces);
        PlanView q = h.Step()!;
        Assert.Equal([(a, 11)], q.Decodes);
        Assert.Equal([(b, 63, 63, false)], q.Pieces);
        Assert.DoesNotContain(q.Pieces, x => x.Item1 == c);
    }

    [Fact]
    public void An_admission_reserves_the_blocks_of_its_chunk_not_of_the_whole_prompt()
    {
        InstanceHarness h = Harness(budget: 64);
        h.Add(prompt: 1000, output: 2);
        h.Step();
        Assert.Equal(4, h.Instance.Context.Blocks.UsedBlocks); // 64 tokens in 16-token blocks
        h.Step();
        Assert.Equal(8, h.Instance.Context.Blocks.UsedBlocks);
    }

    [Theory]
    [InlineData("h100", 8192, 1024)]
    [InlineData("h200", 8192, 1024)]
    [InlineData("b200", 8192, 1024)]
    [InlineData("a100", 2048, 256)]
    public void Default_budgets_are_vllms_for_the_gpu(string gpu, int tokens, int seqs)
    {
        GpuSpec g = GpuCatalog.Resolve(gpu);
        Assert.Equal((tokens, seqs), (VllmDefaults.MaxBatchedTokens(g), VllmDefaults.MaxSeqs(g)));
    }

    [Theory]
    [InlineData(1024, 8192, 512)]
    [InlineData(128, 8192, 256)]
    [InlineData(256, 300, 300)]
    public void Cuda_graph_capture_size_is_min_of_twice_max_seqs_512_and_the_token_budget(int seqs, int tokens, int expected) =>
        Assert.Equal(expected, VllmDefaults.CudaGraphMaxBatch(seqs, tokens));
}

using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Scheduling;

public sealed class DecodeFirstSchedulerTests
{
    [Fact]
    public void Decodes_always_run_and_prefill_chunks_fill_what_the_budget_leaves()
    {
        var h = new InstanceHarness("decode-first", configure: o => o with { MaxBatchedTokens = 300 });
        long a = h.Add(prompt: 10, output: 5);
        Assert.Equal([(a, 10, 0, true)], h.Step()!.Pieces);

        long b = h.Add(prompt: 1000, output: 2);
        PlanView p2 = h.Step()!;
        Assert.Equal([(a, 10)], p2.Decodes);
        Assert.Equal([(b, 299, 0, false)], p2.Pieces);
        PlanView p3 = h.Step()!;
        Assert.Equal([(a, 11)], p3.Decodes);
        Assert.Equal([(b, 299, 299, false)], p3.Pieces);
    }

    [Fact]
    public void Admission_keeps_a_free_block_per_running_decode_where_sarathi_admits_and_later_preempts()
    {
        // 10 blocks of 16 tokens. A (64-token prompt) holds 5 blocks once it starts decoding; B's 80-token prompt needs 5.
        var first = new InstanceHarness("decode-first", kvBlocks: 10);
        var sarathi = new InstanceHarness("sarathi", kvBlocks: 10);
        foreach (InstanceHarness h in new[] { first, sarathi })
        {
            h.Add(64, 50);
            h.Step();
            h.Add(80, 30);
        }
        PlanView df = first.Step()!;
        PlanView sa = sarathi.Step()!;
        Assert.Empty(df.Pieces); // 5 free - 5 needed < 1 decode: B waits
        Assert.Equal([(1L, 80, 0, true)], sa.Pieces);
        first.RunToIdle();
        sarathi.RunToIdle();
        Assert.Equal(0, first.Finished.Values.Sum(f => f.Preemptions));
        Assert.True(sarathi.Finished.Values.Sum(f => f.Preemptions) > 0);
    }
}

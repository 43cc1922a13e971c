using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Engine;

public sealed class PrefixCachingTests
{
    [Theory]
    [InlineData("vllm")]
    [InlineData("vllm-v1")]
    [InlineData("sarathi")]
    [InlineData("decode-first")]
    public void Only_whole_cached_blocks_are_skipped_and_the_last_prompt_token_is_always_computed(string scheduler)
    {
        var h = new InstanceHarness(scheduler).WithPrefixCache();
        long a = h.Add(1024, 4, [1, 2]);
        h.RunToIdle();
        long b = h.Add(1024, 4, [1, 2]); // the same 1024 tokens: block 2 holds the last token, so only block 1 is reused
        long c = h.Add(1300, 4, [1, 2, 3]); // blocks 1, 2 whole and cached; 3 is partial (276 tokens), never cached
        List<PlanView> it = h.RunToIdle();

        Assert.Equal(0, h.PrefixHitTokens[a]);
        Assert.Equal(512, h.PrefixHitTokens[b]);
        Assert.Equal(1024, h.PrefixHitTokens[c]);
        // Only the rest is computed, over the whole context: pieces start at the cached prefix.
        Assert.Equal(512, it.SelectMany(p => p.Pieces).Where(x => x.Id == b).Sum(x => x.Tokens));
        Assert.Equal(512, it.SelectMany(p => p.Pieces).First(x => x.Id == b).Offset);
        Assert.Equal(276, it.SelectMany(p => p.Pieces).Where(x => x.Id == c).Sum(x => x.Tokens));
        Assert.Equal(1024, it.SelectMany(p => p.Pieces).First(x => x.Id == c).Offset);
        Assert.All(h.Finished.Values, o => Assert.Equal(4, o.GeneratedTokens));
        // Blocks stay cached after their requests end (2 hash blocks x 32 KV blocks), unreferenced, so not "used".
        Assert.Equal(0, h.Instance.Context.Blocks.UsedBlocks);
        Assert.Equal(2, h.Instance.Context.Blocks.Cache!.Count);
        Assert.Equal(64, h.Instance.Context.Blocks.Cache.EvictableBlocks);
    }

    [Fact]
    public void A_block_whose_first_computation_has_not_finished_is_not_a_hit()
    {
        // Both arrive together: vllm admits them into one prefill, so B cannot reuse what A is still computing.
        var h = new InstanceHarness("vllm").WithPrefixCache();
        long a = h.Add(2048, 4, [1, 2, 3, 4]);
        long b = h.Add(2048, 4, [1, 2, 3, 4]);
        h.RunToIdle();
        Assert.Equal(0, h.PrefixHitTokens[a]);
        Assert.Equal(0, h.PrefixHitTokens[b]);
        Assert.Equal(4, h.Instance.Context.Blocks.Cache!.Count); // cached once; B's copy went back to the free pool
        Assert.Equal(h.Instance.Context.Blocks.TotalBlocks - 4 * 32, h.Instance.Context.Blocks.FreeBlocks);
    }

    [Fact]
    public void Sarathi_chunks_commit_blocks_as_they_finish_so_a_later_arrival_reuses_the_chunks_already_done()
    {
        // 512-token chunks: after A's first two chunks (blocks 1, 2) B arrives and reuses them, not blocks 3, 4.
        var h = new InstanceHarness("sarathi", configure: o => o with { ChunkTokens = 512 }).WithPrefixCache();
        long a = h.Add(2048, 4, [1, 2, 3, 4]);
        h.Step();
        h.Step();
        long b = h.Add(2048, 4, [1, 2, 3, 4]);
        h.RunToIdle();
        Assert.Equal(0, h.PrefixHitTokens[a]);
        Assert.True(h.PrefixHitTokens[b] >= 1024 && h.PrefixHitTokens[b] < 2048, $"hit {h.PrefixHitTokens[b]}");
    }
}

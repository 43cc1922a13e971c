using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Tests.Engine;

public sealed class PrefixCacheTests
{
    [Fact]
    public void Released_blocks_are_evicted_least_recently_used_first_and_a_prompt_tail_before_its_head()
    {
        var cache = new PrefixCache(hashBlockTokens: 512, blocksPerEntry: 32);
        long[] a = [1, 2, 3], b = [7, 8];
        foreach (long h in a)
        {
            Assert.True(cache.Insert(h));
        }
        foreach (long h in b)
        {
            Assert.True(cache.Insert(h));
        }
        cache.Release(a, 3); // a's tail first, as vLLM frees a request's blocks in reverse
        cache.Release(b, 2);
        Assert.Equal([3L, 2, 1, 8, 7], cache.EvictionOrder());

        cache.Acquire(a, 2); // a later request hits 1, 2: they leave the LRU list, then come back as most recent
        Assert.Equal([3L, 8, 7], cache.EvictionOrder());
        cache.Release(a, 2);
        Assert.Equal([3L, 8, 7, 2, 1], cache.EvictionOrder());

        Assert.Equal(32, cache.EvictLru());
        Assert.Equal(2, cache.Match(a, 3)); // 1, 2 still cached, 3 gone
        Assert.Equal(4, cache.Count);
    }

    [Fact]
    public void Allocation_evicts_only_unreferenced_cached_blocks_and_only_when_free_blocks_run_out()
    {
        var blocks = new BlockManager(totalBlocks: 100, blockTokens: 16) { Cache = new PrefixCache(512, 32) };
        Assert.True(blocks.TryAllocate(96)); // three hash blocks' worth, then cached by their request
        long[] h = [10, 11, 12];
        foreach (long x in h)
        {
            blocks.Cache.Insert(x);
        }
        Assert.Equal(96, blocks.UsedBlocks);
        blocks.Cache.Release(h, 1); // only 10 unreferenced: 32 evictable
        Assert.Equal(4, blocks.FreeBlocks);
        Assert.Equal(36, blocks.AvailableBlocks);
        Assert.Equal(64, blocks.UsedBlocks);

        Assert.False(blocks.TryAllocate(37)); // 11, 12 are referenced: never evicted
        Assert.Equal(3, blocks.Cache.Count);
        Assert.True(blocks.TryAllocate(4)); // free blocks suffice: nothing evicted
        Assert.Equal(3, blocks.Cache.Count);
        Assert.True(blocks.TryAllocate(1));
        Assert.Equal(2, blocks.Cache.Count);
        Assert.Equal(0, blocks.Cache.Match(h, 3));
        Assert.Equal(31, blocks.FreeBlocks);
    }

    [Fact]
    public void A_hash_computed_twice_is_cached_once_and_referenced_by_both()
    {
        var cache = new PrefixCache(512, 32);
        long[] h = [5];
        Assert.True(cache.Insert(5));
        Assert.False(cache.Insert(5)); // the second request keeps its own copy; the entry gains a reference
        cache.Release(h, 1);
        Assert.Empty(cache.EvictionOrder());
        cache.Release(h, 1);
        Assert.Equal([5L], cache.EvictionOrder());
    }
}

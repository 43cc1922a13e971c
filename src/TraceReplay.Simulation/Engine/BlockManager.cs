namespace TraceReplay.Simulation.Engine;

/// <summary>
/// Paged KV cache of one instance as a free-block counter: which physical block a request holds does not change
/// any cost, only how many are free. Per-request holdings live in <see cref="RequestTable.Blocks"/>. With a
/// <see cref="PrefixCache"/>, blocks of cached prompt prefixes nobody references are neither free nor used: an
/// allocation that finds too few free blocks evicts them, least recently used first, as vLLM's block pool does.
/// </summary>
public sealed class BlockManager(int totalBlocks, int blockTokens)
{
    public int TotalBlocks { get; } = totalBlocks;
    public int BlockTokens { get; } = blockTokens;
    public int FreeBlocks { get; private set; } = totalBlocks;

    /// <summary>Blocks requests hold (cached blocks nobody references count as free, as vLLM's KV usage counts them).</summary>
    public int UsedBlocks => TotalBlocks - AvailableBlocks;

    /// <summary>Free blocks plus evictable cached ones: what an allocation can get.</summary>
    public int AvailableBlocks => FreeBlocks + (Cache?.EvictableBlocks ?? 0);

    /// <summary>The prefix cache whose unreferenced blocks allocations may evict; null when prefix caching is off.</summary>
    public PrefixCache? Cache { get; set; }

    public int BlocksFor(long tokens) => (int)((tokens + BlockTokens - 1) / BlockTokens);

    public bool TryAllocate(int blocks)
    {
        if (blocks > AvailableBlocks)
        {
            return false;
        }
        while (blocks > FreeBlocks)
        {
            FreeBlocks += Cache!.EvictLru();
        }
        FreeBlocks -= blocks;
        return true;
    }

    public void Free(int blocks)
    {
        FreeBlocks += blocks;
        if (FreeBlocks > TotalBlocks)
        {
            throw new InvalidOperationException($"KV block accounting broke: {FreeBlocks} free of {TotalBlocks}");
        }
    }
}

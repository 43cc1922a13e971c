namespace TraceReplay.Simulation.Engine;

/// <summary>
/// Paged KV cache of one instance as a free-block counter: which physical block a request holds does not change
/// any cost, only how many are free. Per-request holdings live in <see cref="RequestTable.Blocks"/>.
/// </summary>
public sealed class BlockManager(int totalBlocks, int blockTokens)
{
    public int TotalBlocks { get; } = totalBlocks;
    public int BlockTokens { get; } = blockTokens;
    public int FreeBlocks { get; private set; } = totalBlocks;
    public int UsedBlocks => TotalBlocks - FreeBlocks;

    public int BlocksFor(long tokens) => (int)((tokens + BlockTokens - 1) / BlockTokens);

    public bool TryAllocate(int blocks)
    {
        if (blocks > FreeBlocks)
        {
            return false;
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

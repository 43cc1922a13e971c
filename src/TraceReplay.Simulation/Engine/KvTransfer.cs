namespace TraceReplay.Simulation.Engine;

/// <summary>
/// One request's KV on its way from a prefill instance to a decode instance. The prefill instance's blocks stay held
/// (here, no longer in the request's slot) until the last byte lands, as the sender frees them only then.
/// </summary>
public sealed class KvTransfer
{
    public int Slot { get; init; }
    public int Prefill { get; init; }
    public int Decode { get; set; } = -1;
    /// <summary>The prefill instance's holding: own blocks, cached-prefix references (see <see cref="Scheduling.SchedulerContext.ReleaseBlocks(int)"/>).</summary>
    public int HeldBlocks { get; init; }
    public int HeldSharedBlocks { get; init; }
    public int HeldCachedRefs { get; init; }
    public long[]? Hashes { get; init; }
    /// <summary>All GPUs' bytes: prompt tokens x KV bytes per token (every layer, every TP shard).</summary>
    public double TotalBytes { get; init; }
    public double RemainingBytesPerGpu { get; set; }
    /// <summary>When the prefill instance produced the first token and handed the request off.</summary>
    public long HandoffNs { get; init; }
    /// <summary>When the decode instance had reserved blocks and the bytes started moving.</summary>
    public long StartNs { get; set; }
    /// <summary>The prefill iteration that produced the first token (layer-by-layer streaming overlaps with it).</summary>
    public long LastPrefillIterationNs { get; init; }
}

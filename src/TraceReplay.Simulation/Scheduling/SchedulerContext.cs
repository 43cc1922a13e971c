using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>
/// What a scheduler sees of one instance, and the only ways it may change it: admit the head of the waiting queue
/// (allocating its prompt's KV blocks), grow a decode's blocks, and preempt by recompute when blocks run out.
/// </summary>
public sealed class SchedulerContext(RequestTable requests, BlockManager blocks, ReplayOptions options, int layers, int instance = 0,
    bool vectorized = true)
{
    public RequestTable Requests { get; } = requests;
    public BlockManager Blocks { get; } = blocks;
    public ReplayOptions Options { get; } = options;
    public int Layers { get; } = layers;

    /// <summary>Admitted requests (decoding, then prefilling; each part in admission order) and their progress.</summary>
    public RunningBatch Running { get; } = new(requests) { Vectorized = vectorized };

    /// <summary>Arrived, not admitted (or preempted) requests; FCFS from the front.</summary>
    public WaitingQueue Waiting { get; } = new(requests, instance);

    public IScheduler? Scheduler { get; set; }

    public long Preemptions { get; private set; }

    /// <summary>
    /// Admits the head of the waiting queue if its blocks fit: blocks for <paramref name="reserveTokens"/> (default:
    /// the whole prefill target, as vLLM v0 allocates whole prompts on admission), or, with
    /// <paramref name="chunkBudget"/>, for the cached prefix plus one chunk of at most that many tokens (vLLM v1).
    /// With prefix caching, the prompt's leading cached hash blocks are referenced and not recomputed: whole blocks
    /// only, and never the last prompt token, whose logits give the first output token (vLLM's rules).
    /// </summary>
    public bool TryAdmitHead(int reserveTokens = -1, int chunkBudget = -1)
    {
        int slot = Waiting.PeekFront();
        int target = Requests.Prompt[slot] + Requests.Generated[slot];
        PrefixCache? cache = Blocks.Cache;
        long[]? hashes = Requests.Hashes[slot];
        int hitBlocks = 0, sharedBlocks = 0, pinned = 0;
        if (cache is not null && hashes is not null)
        {
            hitBlocks = cache.Match(hashes, cache.FullBlocks(hashes, Math.Min(Requests.Prompt[slot], target - 1)));
            sharedBlocks = hitBlocks * cache.BlocksPerEntry;
            pinned = cache.Unreferenced(hashes, hitBlocks) * cache.BlocksPerEntry;
        }
        int hitTokens = hitBlocks * (cache?.HashBlockTokens ?? 0);
        int reserve = chunkBudget >= 0 ? hitTokens + Math.Min(target - hitTokens, chunkBudget) : reserveTokens < 0 ? target : reserveTokens;
        int need = Blocks.BlocksFor(reserve) - Requests.Blocks[slot] - sharedBlocks;
        // Checked before referencing the hit blocks, as vLLM does: cached blocks nobody referenced stop being evictable.
        if (need > 0 && need > Blocks.AvailableBlocks - pinned)
        {
            return false;
        }
        if (hitBlocks > 0)
        {
            cache!.Acquire(hashes!, hitBlocks);
        }
        if (need > 0 && !Blocks.TryAllocate(need))
        {
            throw new InvalidOperationException($"KV block accounting broke: {need} blocks checked available, then not");
        }
        Requests.Blocks[slot] += Math.Max(need, 0) + sharedBlocks;
        Requests.SharedBlocks[slot] = sharedBlocks;
        Requests.CachedRefs[slot] = hitBlocks;
        Requests.PrefillTarget[slot] = target;
        Requests.Computed[slot] = hitTokens;
        if (Requests.PrefixHitTokens[slot] < 0)
        {
            Requests.PrefixHitTokens[slot] = hitTokens;
        }
        Waiting.PopFront();
        Running.Add(slot);
        return true;
    }

    /// <summary>Prefix caching: commits the prompt's hash blocks that <paramref name="slot"/>'s last iteration
    /// finished computing, so later requests can hit them.</summary>
    public void CommitPrefix(int slot)
    {
        long[]? hashes = Requests.Hashes[slot];
        if (Blocks.Cache is not { } cache || hashes is null)
        {
            return;
        }
        int full = cache.FullBlocks(hashes, Math.Min(Running.Computed(slot), Requests.Prompt[slot]));
        for (int i = Requests.CachedRefs[slot]; i < full; i++)
        {
            if (cache.Insert(hashes[i]))
            {
                Requests.SharedBlocks[slot] += cache.BlocksPerEntry; // its blocks now belong to the cache entry
            }
            Requests.CachedRefs[slot]++;
        }
    }

    /// <summary>Gives back the KV of <paramref name="slot"/>, no longer running: its own blocks to the free pool, its
    /// references on cached prefix blocks to the prefix cache (which keeps them until evicted).</summary>
    public void ReleaseBlocks(int slot)
    {
        ReleaseBlocks(Requests.Blocks[slot] - Requests.SharedBlocks[slot], Requests.CachedRefs[slot], Requests.Hashes[slot]);
        Requests.Blocks[slot] = Requests.SharedBlocks[slot] = Requests.CachedRefs[slot] = 0;
    }

    /// <summary>The same for a holding no longer in a slot (a prefill instance's KV while it is sent away).</summary>
    public void ReleaseBlocks(int ownBlocks, int cachedRefs, long[]? hashes)
    {
        Blocks.Free(ownBlocks);
        if (cachedRefs > 0)
        {
            Blocks.Cache!.Release(hashes!, cachedRefs);
        }
    }

    /// <summary>
    /// Makes room for one more KV token of <paramref name="slot"/>, preempting the youngest running requests when
    /// blocks run out. Returns false when <paramref name="slot"/> itself was preempted.
    /// </summary>
    public bool EnsureDecodeBlock(int slot, IterationPlan plan) => EnsureBlocks(slot, Running.Computed(slot) + 1L, plan);

    /// <summary>
    /// Grows <paramref name="slot"/>'s KV blocks to hold <paramref name="tokens"/> tokens (vLLM v1 allocates a prompt
    /// chunk's blocks as it is scheduled), preempting the youngest running requests when blocks run out. Returns
    /// false when <paramref name="slot"/> itself was preempted.
    /// </summary>
    public bool EnsureBlocks(int slot, long tokens, IterationPlan plan)
    {
        int need = Blocks.BlocksFor(tokens);
        while (Running.Blocks(slot) < need)
        {
            int more = need - Running.Blocks(slot);
            if (Blocks.TryAllocate(more))
            {
                Running.Blocks(slot) += more;
                continue;
            }
            int victim = Running.Youngest();
            Preempt(victim, plan);
            if (victim == slot)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Running requests in admission order, copied (the running batch may shrink while scheduling).</summary>
    public ReadOnlySpan<int> RunningSnapshot() => Running.AdmissionOrderSnapshot();

    /// <summary>Running requests currently decoding, in admission order, copied (the batch may shrink while scheduling).</summary>
    public ReadOnlySpan<int> DecodingSnapshot() => Running.DecodingSnapshot();

    /// <summary>Preemption by recompute: free its KV, forget its progress, put it at the front of the queue.</summary>
    public void Preempt(int slot, IterationPlan plan)
    {
        Running.Remove(slot);
        ReleaseBlocks(slot);
        Requests.Computed[slot] = 0;
        Requests.Preemptions[slot]++;
        Preemptions++;
        plan.Remove(slot);
        Waiting.PushFront(slot);
        Scheduler?.OnRemoved(slot);
    }
}

using TraceReplay.Core.Requests;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// State of the requests in flight, structure-of-arrays, indexed by slot. Slots are recycled through a free list, and
/// token gaps go to the rank's <see cref="GapArena"/>, so a steady-state replay allocates nothing per request. While a request
/// runs, its progress (<see cref="Computed"/>, <see cref="PrefillTarget"/>, <see cref="Generated"/>, <see cref="Blocks"/>,
/// <see cref="LastTokenNs"/>) lives in its rank's <see cref="RunningBatch"/>; these columns hold it otherwise.
/// </summary>
public sealed class RequestTable
{
    private readonly Stack<int> _free = new();

    public long[] Id = [];
    public long[] ArrivalNs = [];
    public int[] Prompt = [];
    public int[] Output = [];
    /// <summary>Tokens sampled so far (first token included).</summary>
    public int[] Generated = [];
    /// <summary>Tokens whose KV is in the cache.</summary>
    public int[] Computed = [];
    /// <summary>Tokens the current (re)prefill must cover: prompt + tokens generated before a preemption.</summary>
    public int[] PrefillTarget = [];
    public int[] Blocks = [];
    public int[] Preemptions = [];
    public int[] Instance = [];
    public long[] FirstTokenNs = [];
    public long[] LastTokenNs = [];
    /// <summary>Prefix-cache block hashes of the prompt (null without them).</summary>
    public long[]?[] Hashes = [];
    /// <summary>Leading hash blocks whose cache entries this request references (hit on admission or computed and committed).</summary>
    public int[] CachedRefs = [];
    /// <summary>KV blocks of <see cref="Blocks"/> that belong to cache entries rather than to this request alone.</summary>
    public int[] SharedBlocks = [];
    /// <summary>Prompt tokens found cached at the first admission (-1 before it).</summary>
    public int[] PrefixHitTokens = [];
    /// <summary>Start of the request's segment in its rank's <see cref="GapArena"/> (-1 before it decodes there).</summary>
    public int[] GapStart = [];
    /// <summary>Index in the <see cref="RunningBatch"/> that runs the request (-1 when it does not run).</summary>
    public int[] Position = [];

    public int Capacity => Id.Length;

    public int InUse => Capacity - _free.Count;

    public int Allocate(in RequestRecord r, int instance)
    {
        if (_free.Count == 0)
        {
            Grow(Math.Max(64, Capacity * 2));
        }
        int s = _free.Pop();
        Id[s] = r.Id;
        ArrivalNs[s] = r.ArrivalNs;
        Prompt[s] = r.PromptTokens;
        Output[s] = r.OutputTokens;
        Generated[s] = Computed[s] = PrefillTarget[s] = Blocks[s] = Preemptions[s] = CachedRefs[s] = SharedBlocks[s] = 0;
        Hashes[s] = r.HashIds;
        PrefixHitTokens[s] = -1;
        Instance[s] = instance;
        Position[s] = GapStart[s] = -1;
        FirstTokenNs[s] = LastTokenNs[s] = -1;
        return s;
    }

    public void Release(int slot)
    {
        Hashes[slot] = null;
        _free.Push(slot);
    }

    private void Grow(int capacity)
    {
        int old = Capacity;
        Array.Resize(ref Id, capacity);
        Array.Resize(ref ArrivalNs, capacity);
        Array.Resize(ref Prompt, capacity);
        Array.Resize(ref Output, capacity);
        Array.Resize(ref Generated, capacity);
        Array.Resize(ref Computed, capacity);
        Array.Resize(ref PrefillTarget, capacity);
        Array.Resize(ref Blocks, capacity);
        Array.Resize(ref Preemptions, capacity);
        Array.Resize(ref Instance, capacity);
        Array.Resize(ref FirstTokenNs, capacity);
        Array.Resize(ref LastTokenNs, capacity);
        Array.Resize(ref Hashes, capacity);
        Array.Resize(ref CachedRefs, capacity);
        Array.Resize(ref SharedBlocks, capacity);
        Array.Resize(ref PrefixHitTokens, capacity);
        Array.Resize(ref GapStart, capacity);
        Array.Resize(ref Position, capacity);
        for (int s = capacity - 1; s >= old; s--)
        {
            _free.Push(s);
        }
    }
}

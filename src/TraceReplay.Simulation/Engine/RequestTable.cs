using TraceReplay.Core.Requests;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// State of the requests in flight, structure-of-arrays, indexed by slot. Slots are recycled through a free list,
/// and each slot keeps its token-gap buffer, so a steady-state replay allocates nothing per request.
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
    /// <summary>Gaps between consecutive tokens, ns; <see cref="Generated"/> - 1 of them are valid.</summary>
    public long[][] Gaps = [];

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
        FirstTokenNs[s] = LastTokenNs[s] = -1;
        return s;
    }

    public void Release(int slot)
    {
        Hashes[slot] = null;
        _free.Push(slot);
    }

    public bool IsDecoding(int slot) => Generated[slot] > 0 && Computed[slot] >= PrefillTarget[slot];

    public int RemainingPrefill(int slot) => PrefillTarget[slot] - Computed[slot];

    /// <summary>Records a sampled token at <paramref name="timeNs"/>; returns true when the request is complete.</summary>
    public bool EmitToken(int slot, long timeNs)
    {
        int g = Generated[slot];
        if (g == 0)
        {
            FirstTokenNs[slot] = timeNs;
        }
        else
        {
            long[] gaps = Gaps[slot];
            if (g - 1 == gaps.Length)
            {
                Array.Resize(ref Gaps[slot], Math.Max(16, gaps.Length * 2));
            }
            Gaps[slot][g - 1] = timeNs - LastTokenNs[slot];
        }
        LastTokenNs[slot] = timeNs;
        Generated[slot] = g + 1;
        return g + 1 >= Output[slot];
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
        Array.Resize(ref Gaps, capacity);
        for (int s = capacity - 1; s >= old; s--)
        {
            Gaps[s] = [];
            _free.Push(s);
        }
    }
}

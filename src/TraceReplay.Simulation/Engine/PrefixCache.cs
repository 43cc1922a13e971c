namespace TraceReplay.Simulation.Engine;

/// <summary>
/// The prefix-cache index of one instance, as vLLM's block pool keeps it: a map from a block hash to a cached
/// entry (one hash block = <see cref="BlocksPerEntry"/> KV blocks) with a reference count. An entry nobody
/// references stays cached, in an LRU list, until <see cref="BlockManager"/> needs its blocks back. Touched only when
/// a request is admitted, commits prompt blocks, or leaves; never per iteration.
/// </summary>
public sealed class PrefixCache(int hashBlockTokens, int blocksPerEntry)
{
    private const int None = -1;
    private readonly Dictionary<long, int> _index = [];
    private readonly Stack<int> _freeEntries = new();
    private long[] _hash = new long[64];
    private int[] _refs = new int[64];
    private int[] _prev = new int[64];
    private int[] _next = new int[64];
    private int _lruHead = None, _lruTail = None;
    private int _count;

    /// <summary>Prompt tokens one hash covers (512 for Mooncake).</summary>
    public int HashBlockTokens { get; } = hashBlockTokens;

    /// <summary>KV blocks one cached hash block holds.</summary>
    public int BlocksPerEntry { get; } = blocksPerEntry;

    /// <summary>Cached entries nobody references (evictable).</summary>
    public int UnreferencedCount { get; private set; }

    public int EvictableBlocks => UnreferencedCount * BlocksPerEntry;

    /// <summary>Entries cached (referenced or not).</summary>
    public int Count => _index.Count;

    /// <summary>Hash blocks that hold a whole <see cref="HashBlockTokens"/> tokens of the first <paramref name="tokens"/>.</summary>
    public int FullBlocks(long[] hashes, long tokens) => (int)Math.Min(hashes.Length, tokens / HashBlockTokens);

    /// <summary>Leading hashes of <paramref name="hashes"/> (at most <paramref name="limit"/>) that are cached.</summary>
    public int Match(long[] hashes, int limit)
    {
        int k = 0;
        while (k < limit && _index.ContainsKey(hashes[k]))
        {
            k++;
        }
        return k;
    }

    /// <summary>Of the first <paramref name="count"/> hashes' entries (all cached), those nobody references yet:
    /// acquiring them takes their blocks out of what an allocation could evict.</summary>
    public int Unreferenced(long[] hashes, int count)
    {
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            n += _refs[_index[hashes[i]]] == 0 ? 1 : 0;
        }
        return n;
    }

    /// <summary>References the first <paramref name="count"/> hashes' entries (all cached), taking unreferenced ones off the LRU list.</summary>
    public void Acquire(long[] hashes, int count)
    {
        for (int i = 0; i < count; i++)
        {
            int e = _index[hashes[i]];
            if (_refs[e]++ == 0)
            {
                Unlink(e);
            }
        }
    }

    /// <summary>
    /// Drops a reference on the first <paramref name="count"/> hashes' entries. Entries left unreferenced join the LRU
    /// list tail last block first, as vLLM frees a request's blocks in reverse, so a prompt's tail is evicted before its head.
    /// </summary>
    public void Release(long[] hashes, int count)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            int e = _index[hashes[i]];
            if (--_refs[e] == 0)
            {
                Append(e);
            }
        }
    }

    /// <summary>Caches a freshly computed block, referenced once by its request. False when the hash is already
    /// cached (another request computed it meanwhile): that entry is referenced instead and the caller keeps its copy.</summary>
    public bool Insert(long hash)
    {
        if (_index.TryGetValue(hash, out int existing))
        {
            if (_refs[existing]++ == 0)
            {
                Unlink(existing);
            }
            return false;
        }
        int e = _freeEntries.Count > 0 ? _freeEntries.Pop() : NewEntry();
        _hash[e] = hash;
        _refs[e] = 1;
        _index.Add(hash, e);
        return true;
    }

    /// <summary>Evicts the least recently used unreferenced entry; returns the KV blocks it frees (0 when none is evictable).</summary>
    public int EvictLru()
    {
        int e = _lruHead;
        if (e == None)
        {
            return 0;
        }
        Unlink(e);
        _index.Remove(_hash[e]);
        _freeEntries.Push(e);
        return BlocksPerEntry;
    }

    /// <summary>Hashes in eviction order (least recently used first); for tests and diagnostics.</summary>
    public IEnumerable<long> EvictionOrder()
    {
        for (int e = _lruHead; e != None; e = _next[e])
        {
            yield return _hash[e];
        }
    }

    private int NewEntry()
    {
        if (_count == _hash.Length)
        {
            SoaGrowth.Resize(_count * 2, ref _hash, ref _refs, ref _prev, ref _next);
        }
        return _count++;
    }

    private void Append(int e)
    {
        _prev[e] = _lruTail;
        _next[e] = None;
        if (_lruTail == None)
        {
            _lruHead = e;
        }
        else
        {
            _next[_lruTail] = e;
        }
        _lruTail = e;
        UnreferencedCount++;
    }

    private void Unlink(int e)
    {
        int p = _prev[e], n = _next[e];
        if (p == None)
        {
            _lruHead = n;
        }
        else
        {
            _next[p] = n;
        }
        if (n == None)
        {
            _lruTail = p;
        }
        else
        {
            _prev[n] = p;
        }
        UnreferencedCount--;
    }
}

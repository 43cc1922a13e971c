namespace TraceReplay.Simulation.Engine;

/// <summary>
/// One rank's running requests as a dense structure of arrays, partitioned [decoding | prefilling], each part in
/// admission order, so the decodes are one contiguous prefix that the per-iteration passes (<see cref="BatchKernels"/>)
/// run over as spans. While a request runs, its progress (context, prefill target, generated tokens, KV blocks, last
/// token time) lives here; <see cref="RequestTable"/> holds it before admission and gets it back when the request leaves
/// (finished, preempted, handed off). Admission, removal and a prompt turning into a decode are the scalar slow path.
/// </summary>
public sealed class RunningBatch(RequestTable table)
{
    private int[] _slot = new int[64];
    private int[] _computed = new int[64];
    private int[] _target = new int[64];
    private int[] _generated = new int[64];
    private int[] _output = new int[64];
    private int[] _blocks = new int[64];
    private long[] _lastTokenNs = new long[64];
    private long[] _admitted = new long[64];
    private long[] _gapScratch = new long[64];
    private int[] _scratch = new int[64];
    private long _admissions;

    public int Count { get; private set; }

    /// <summary>Running requests that decode: the first <see cref="DecodeCount"/> entries.</summary>
    public int DecodeCount { get; private set; }

    /// <summary>False only for the scalar test oracle (<see cref="BatchKernels"/>): same results, loops element by element.</summary>
    internal bool Vectorized { get; init; } = true;

    /// <summary>The slot admitted (or landed) last.</summary>
    public int LastAddedSlot { get; private set; } = -1;

    public ReadOnlySpan<int> DecodeSlots => _slot.AsSpan(0, DecodeCount);
    public ReadOnlySpan<int> PrefillSlots => _slot.AsSpan(DecodeCount, Count - DecodeCount);

    public bool Contains(int slot)
    {
        int i = slot < table.Position.Length ? table.Position[slot] : -1;
        return i >= 0 && i < Count && _slot[i] == slot;
    }

    public bool IsDecoding(int slot) => Contains(slot) && table.Position[slot] < DecodeCount;
    public int Computed(int slot) => _computed[IndexOf(slot)];
    public int Target(int slot) => _target[IndexOf(slot)];
    public int RemainingPrefill(int slot) => Target(slot) - Computed(slot);
    public ref int Blocks(int slot) => ref _blocks[IndexOf(slot)];

    /// <summary>Admits (or lands) <paramref name="slot"/> with the progress the request table holds for it.</summary>
    public void Add(int slot)
    {
        Reserve(Count + 1);
        bool decoding = table.Generated[slot] > 0 && table.Computed[slot] >= table.PrefillTarget[slot];
        int i = decoding ? DecodeCount : Count; // the newest admission ends its part
        Move(i, i + 1, Count - i);
        _slot[i] = slot;
        _computed[i] = table.Computed[slot];
        _target[i] = table.PrefillTarget[slot];
        _generated[i] = table.Generated[slot];
        _output[i] = table.Output[slot];
        _blocks[i] = table.Blocks[slot];
        _lastTokenNs[i] = table.LastTokenNs[slot];
        _admitted[i] = _admissions++;
        table.Position[slot] = i;
        Count++;
        DecodeCount += decoding ? 1 : 0;
        LastAddedSlot = slot;
    }

    /// <summary>Takes <paramref name="slot"/> out, giving its progress back to the request table (order of the rest kept).</summary>
    public void Remove(int slot)
    {
        int i = IndexOf(slot);
        WriteBack(i);
        Move(i + 1, i, Count - i - 1);
        Count--;
        DecodeCount -= i < DecodeCount ? 1 : 0;
    }

    /// <summary>A prompt piece of <paramref name="tokens"/> completed (<paramref name="emitNs"/> >= 0: and sampled a
    /// token then). Returns true when the request is complete; a request whose prompt is done joins the decodes.</summary>
    public bool CompletePiece(int slot, int tokens, long emitNs)
    {
        int i = IndexOf(slot);
        _computed[i] += tokens;
        if (emitNs >= 0)
        {
            int g = _generated[i];
            if (g == 0)
            {
                table.FirstTokenNs[slot] = emitNs;
            }
            else
            {
                table.AddGap(slot, g - 1, emitNs - _lastTokenNs[i]);
            }
            _lastTokenNs[i] = emitNs;
            _generated[i] = g + 1;
            if (g + 1 >= _output[i])
            {
                return true;
            }
        }
        if (i >= DecodeCount && _generated[i] > 0 && _computed[i] >= _target[i])
        {
            JoinDecodes(i);
        }
        return false;
    }

    /// <summary>
    /// Gives each of the first <paramref name="n"/> decodes room for one more KV token, when the available blocks cover
    /// them all (one vector compare-and-count, one allocation). False, with nothing changed, when they do not: the
    /// caller then takes the scalar path that preempts.
    /// </summary>
    public bool TryGrowDecodes(int n, BlockManager blocks)
    {
        int need = BatchKernels.BlockDemand(_computed.AsSpan(0, n), _blocks.AsSpan(0, n), blocks.BlockTokens, Vectorized, out bool beyondOne);
        if (beyondOne || need > blocks.AvailableBlocks)
        {
            return false;
        }
        if (need > 0 && !blocks.TryAllocate(need))
        {
            throw new InvalidOperationException($"KV block accounting broke: {need} blocks checked available, then not");
        }
        BatchKernels.GrowBlocks(_blocks.AsSpan(0, n), _computed.AsSpan(0, n), blocks.BlockTokens, Vectorized);
        return true;
    }

    public void CopyDecodes(int n, IterationPlan plan) => plan.AddDecodes(_slot.AsSpan(0, n), _computed.AsSpan(0, n));

    /// <summary>
    /// The first <paramref name="n"/> decodes ran: each sampled a token at <paramref name="nowNs"/> (context, tokens and
    /// gaps in one pass). Returns the slots that finished, in batch order, already taken out in one compaction.
    /// </summary>
    public ReadOnlySpan<int> EmitDecodes(int n, long nowNs)
    {
        if (_gapScratch.Length < n)
        {
            _gapScratch = new long[_slot.Length];
        }
        Span<long> gaps = _gapScratch.AsSpan(0, n);
        bool anyDone = BatchKernels.Emit(_computed.AsSpan(0, n), _generated.AsSpan(0, n), _output.AsSpan(0, n),
            _lastTokenNs.AsSpan(0, n), gaps, nowNs, Vectorized);
        for (int i = 0; i < n; i++)
        {
            table.AddGap(_slot[i], _generated[i] - 2, gaps[i]);
        }
        return anyDone ? RemoveDone(n) : [];
    }

    /// <summary>Running requests currently decoding, copied (scheduling may preempt some).</summary>
    public ReadOnlySpan<int> DecodingSnapshot()
    {
        DecodeSlots.CopyTo(_scratch);
        return _scratch.AsSpan(0, DecodeCount);
    }

    /// <summary>All running requests in admission order (the two parts merged), copied.</summary>
    public ReadOnlySpan<int> AdmissionOrderSnapshot()
    {
        int d = 0, p = DecodeCount;
        for (int k = 0; k < Count; k++)
        {
            bool fromDecodes = p == Count || (d < DecodeCount && _admitted[d] < _admitted[p]);
            _scratch[k] = _slot[fromDecodes ? d++ : p++];
        }
        return _scratch.AsSpan(0, Count);
    }

    /// <summary>Youngest running request: latest arrival, then the larger id, then the earliest admitted.</summary>
    public int Youngest()
    {
        int best = 0;
        for (int i = 1; i < Count; i++)
        {
            long a = table.ArrivalNs[_slot[i]], b = table.ArrivalNs[_slot[best]];
            long ia = table.Id[_slot[i]], ib = table.Id[_slot[best]];
            if (a > b || (a == b && (ia > ib || (ia == ib && _admitted[i] < _admitted[best]))))
            {
                best = i;
            }
        }
        return _slot[best];
    }

    private ReadOnlySpan<int> RemoveDone(int n)
    {
        int k = 0, w = 0;
        for (int i = 0; i < n; i++)
        {
            if (_generated[i] >= _output[i])
            {
                WriteBack(i);
                _scratch[k++] = _slot[i];
            }
            else if (w++ != i)
            {
                int to = w - 1;
                (_slot[to], _computed[to], _target[to], _generated[to], _output[to], _blocks[to], _lastTokenNs[to], _admitted[to]) =
                    (_slot[i], _computed[i], _target[i], _generated[i], _output[i], _blocks[i], _lastTokenNs[i], _admitted[i]);
                table.Position[_slot[to]] = to;
            }
        }
        Move(n, w, Count - n);
        Count -= k;
        DecodeCount -= k;
        return _scratch.AsSpan(0, k);
    }

    /// <summary>Moves prefill entry <paramref name="i"/> into the decodes at its admission-order place.</summary>
    private void JoinDecodes(int i)
    {
        int q = Array.BinarySearch(_admitted, 0, DecodeCount, _admitted[i]);
        q = ~q; // admissions are unique: never found
        (int slot, int c, int t, int g, int o, int b, long last, long adm) =
            (_slot[i], _computed[i], _target[i], _generated[i], _output[i], _blocks[i], _lastTokenNs[i], _admitted[i]);
        Move(q, q + 1, i - q);
        (_slot[q], _computed[q], _target[q], _generated[q], _output[q], _blocks[q], _lastTokenNs[q], _admitted[q]) = (slot, c, t, g, o, b, last, adm);
        table.Position[slot] = q;
        DecodeCount++;
    }

    private void WriteBack(int i)
    {
        int s = _slot[i];
        table.Computed[s] = _computed[i];
        table.PrefillTarget[s] = _target[i];
        table.Generated[s] = _generated[i];
        table.Blocks[s] = _blocks[i];
        table.LastTokenNs[s] = _lastTokenNs[i];
        table.Position[s] = -1;
    }

    /// <summary>Moves entries [from, from + length) to start at <paramref name="to"/>, every column.</summary>
    private void Move(int from, int to, int length)
    {
        if (length <= 0 || from == to)
        {
            return;
        }
        Array.Copy(_slot, from, _slot, to, length);
        Array.Copy(_computed, from, _computed, to, length);
        Array.Copy(_target, from, _target, to, length);
        Array.Copy(_generated, from, _generated, to, length);
        Array.Copy(_output, from, _output, to, length);
        Array.Copy(_blocks, from, _blocks, to, length);
        Array.Copy(_lastTokenNs, from, _lastTokenNs, to, length);
        Array.Copy(_admitted, from, _admitted, to, length);
        for (int j = to; j < to + length; j++)
        {
            table.Position[_slot[j]] = j;
        }
    }

    private int IndexOf(int slot) =>
        Contains(slot) ? table.Position[slot] : throw new InvalidOperationException($"slot {slot} is not running on this rank");

    private void Reserve(int n)
    {
        if (n <= _slot.Length)
        {
            return;
        }
        int size = Math.Max(n, _slot.Length * 2);
        Array.Resize(ref _slot, size);
        Array.Resize(ref _computed, size);
        Array.Resize(ref _target, size);
        Array.Resize(ref _generated, size);
        Array.Resize(ref _output, size);
        Array.Resize(ref _blocks, size);
        Array.Resize(ref _lastTokenNs, size);
        Array.Resize(ref _admitted, size);
        Array.Resize(ref _scratch, size);
    }
}

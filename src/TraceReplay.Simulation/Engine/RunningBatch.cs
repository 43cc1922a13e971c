namespace TraceReplay.Simulation.Engine;

/// <summary>
/// One rank's running requests as a dense structure of arrays, partitioned [decoding | prefilling], each part in
/// admission order, so the decodes are one contiguous prefix that the per-iteration passes (<see cref="BatchKernels"/>)
/// run over as spans. While a request runs, its progress (context, prefill target, generated tokens, KV blocks, last
/// token time) lives here; <see cref="RequestTable"/> holds it before admission and gets it back when the request leaves
/// (finished, preempted, handed off). Admission, removal and a prompt turning into a decode are the scalar slow path.
/// </summary>
public sealed partial class RunningBatch(RequestTable table)
{
    private readonly RequestTable _table = table;
    private int[] _slot = new int[64];
    private int[] _computed = new int[64];
    private int[] _target = new int[64];
    private int[] _generated = new int[64];
    private int[] _output = new int[64];
    private int[] _blocks = new int[64];
    private long[] _lastTokenNs = new long[64];
    private long[] _admitted = new long[64];
    private int[] _gapStart = new int[64];
    private readonly GapArena _arena = new(table);
    private Action<int, int>? _gapsMoved;
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
        int i = slot < _table.Position.Length ? _table.Position[slot] : -1;
        return i >= 0 && i < Count && _slot[i] == slot;
    }

    public bool IsDecoding(int slot) => Contains(slot) && _table.Position[slot] < DecodeCount;
    public int Computed(int slot) => _computed[IndexOf(slot)];
    public int Target(int slot) => _target[IndexOf(slot)];
    public int RemainingPrefill(int slot) => Target(slot) - Computed(slot);
    public ref int Blocks(int slot) => ref _blocks[IndexOf(slot)];

    /// <summary>Admits (or lands) <paramref name="slot"/> with the progress the request table holds for it.</summary>
    public void Add(int slot)
    {
        Reserve(Count + 1);
        bool decoding = _table.Generated[slot] > 0 && _table.Computed[slot] >= _table.PrefillTarget[slot];
        int i = decoding ? DecodeCount : Count; // the newest admission ends its part
        Move(i, i + 1, Count - i);
        _slot[i] = slot;
        _computed[i] = _table.Computed[slot];
        _target[i] = _table.PrefillTarget[slot];
        _generated[i] = _table.Generated[slot];
        _output[i] = _table.Output[slot];
        _blocks[i] = _table.Blocks[slot];
        _lastTokenNs[i] = _table.LastTokenNs[slot];
        _admitted[i] = _admissions++;
        _gapStart[i] = _table.GapStart[slot];
        _table.Position[slot] = i;
        Count++;
        DecodeCount += decoding ? 1 : 0;
        LastAddedSlot = slot;
        if (decoding)
        {
            ReserveGaps(i);
        }
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
            long a = _table.ArrivalNs[_slot[i]], b = _table.ArrivalNs[_slot[best]];
            long ia = _table.Id[_slot[i]], ib = _table.Id[_slot[best]];
            if (a > b || (a == b && (ia > ib || (ia == ib && _admitted[i] < _admitted[best]))))
            {
                best = i;
            }
        }
        return _slot[best];
    }

    /// <summary>Moves prefill entry <paramref name="i"/> into the decodes at its admission-order place.</summary>
    private void JoinDecodes(int i)
    {
        int q = Array.BinarySearch(_admitted, 0, DecodeCount, _admitted[i]);
        q = ~q; // admissions are unique: never found
        (int slot, int c, int t, int g, int o, int b, long last, long adm) =
            (_slot[i], _computed[i], _target[i], _generated[i], _output[i], _blocks[i], _lastTokenNs[i], _admitted[i]);
        int gapStart = _gapStart[i];
        Move(q, q + 1, i - q);
        (_slot[q], _computed[q], _target[q], _generated[q], _output[q], _blocks[q], _lastTokenNs[q], _admitted[q]) = (slot, c, t, g, o, b, last, adm);
        _gapStart[q] = gapStart;
        _table.Position[slot] = q;
        DecodeCount++;
        ReserveGaps(q);
    }

    /// <summary>Gives entry <paramref name="i"/> its gap segment (Output - 1 gaps) if it has none yet.</summary>
    private void ReserveGaps(int i)
    {
        if (_gapStart[i] >= 0 || _output[i] < 2)
        {
            return;
        }
        _gapsMoved ??= (slot, start) =>
        {
            if (Contains(slot))
            {
                _gapStart[_table.Position[slot]] = start;
            }
        };
        int slot = _slot[i];
        _table.GapStart[slot] = _gapStart[i] = _arena.Reserve(slot, _output[i] - 1, _gapsMoved);
    }

    private void WriteBack(int i)
    {
        int s = _slot[i];
        _table.Computed[s] = _computed[i];
        _table.PrefillTarget[s] = _target[i];
        _table.Generated[s] = _generated[i];
        _table.Blocks[s] = _blocks[i];
        _table.LastTokenNs[s] = _lastTokenNs[i];
        _table.Position[s] = -1;
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
        Array.Copy(_gapStart, from, _gapStart, to, length);
        for (int j = to; j < to + length; j++)
        {
            _table.Position[_slot[j]] = j;
        }
    }

    private int IndexOf(int slot) =>
        Contains(slot) ? _table.Position[slot] : throw new InvalidOperationException($"slot {slot} is not running on this rank");

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
        Array.Resize(ref _gapStart, size);
        Array.Resize(ref _scratch, size);
    }
}

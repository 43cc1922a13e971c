using TraceReplay.Core.Operators;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// One iteration's batch, as flat arrays reused every iteration (no allocation in steady state): decoding requests
/// with their cached tokens, and prompt pieces that run through <see cref="PrefillLayers"/>.
/// </summary>
public sealed class IterationPlan
{
    private int[] _decodeSlots = new int[64];
    private int[] _decodeCached = new int[64];
    private int[] _pieceSlots = new int[16];
    private int[] _pieceTokens = new int[16];
    private int[] _pieceOffsets = new int[16];
    private bool[] _pieceEmits = new bool[16];

    public int DecodeCount { get; private set; }
    public int PieceCount { get; private set; }

    /// <summary>Layers the prompt pieces pass through this iteration (all of them except under layered prefill).</summary>
    public LayerRange PrefillLayers { get; set; }

    /// <summary>Layered prefill: index of the active group and the cohort's group count; -1 and 0 otherwise.</summary>
    public int GroupIndex { get; set; } = -1;
    public int GroupCount { get; set; }

    /// <summary>False while a layered cohort is between groups: its KV is complete only after the last group.</summary>
    public bool PrefillCommits { get; set; } = true;

    /// <summary>True when the pieces' tokens go through the embedding this iteration (the first group).</summary>
    public bool PrefillEmbeds { get; set; } = true;

    public ReadOnlySpan<int> DecodeSlots => _decodeSlots.AsSpan(0, DecodeCount);
    public ReadOnlySpan<int> DecodeCached => _decodeCached.AsSpan(0, DecodeCount);
    public ReadOnlySpan<int> PieceSlots => _pieceSlots.AsSpan(0, PieceCount);
    public ReadOnlySpan<int> PieceTokens => _pieceTokens.AsSpan(0, PieceCount);
    public ReadOnlySpan<int> PieceOffsets => _pieceOffsets.AsSpan(0, PieceCount);
    public ReadOnlySpan<bool> PieceEmits => _pieceEmits.AsSpan(0, PieceCount);

    public int PrefillTokens { get; private set; }

    public int SampledTokens
    {
        get
        {
            int s = DecodeCount;
            for (int i = 0; i < PieceCount; i++)
            {
                s += _pieceEmits[i] ? 1 : 0;
            }
            return s;
        }
    }

    public bool IsEmpty => DecodeCount == 0 && PieceCount == 0;

    public void Reset(int layers)
    {
        DecodeCount = 0;
        PieceCount = 0;
        PrefillTokens = 0;
        PrefillLayers = LayerRange.All(layers);
        GroupIndex = -1;
        GroupCount = 0;
        PrefillCommits = true;
        PrefillEmbeds = true;
    }

    public void AddDecode(int slot, int cachedTokens)
    {
        if (DecodeCount == _decodeSlots.Length)
        {
            SoaGrowth.Resize(DecodeCount * 2, ref _decodeSlots, ref _decodeCached);
        }
        _decodeSlots[DecodeCount] = slot;
        _decodeCached[DecodeCount++] = cachedTokens;
    }

    /// <summary>Adds decodes in bulk (a running batch's decode prefix), in order.</summary>
    public void AddDecodes(ReadOnlySpan<int> slots, ReadOnlySpan<int> cachedTokens)
    {
        int n = DecodeCount + slots.Length;
        if (n > _decodeSlots.Length)
        {
            SoaGrowth.Resize(Math.Max(n, _decodeSlots.Length * 2), ref _decodeSlots, ref _decodeCached);
        }
        slots.CopyTo(_decodeSlots.AsSpan(DecodeCount));
        cachedTokens.CopyTo(_decodeCached.AsSpan(DecodeCount));
        DecodeCount = n;
    }

    public void AddPiece(int slot, int tokens, int offset, bool emitsToken)
    {
        if (PieceCount == _pieceSlots.Length)
        {
            SoaGrowth.Resize(PieceCount * 2, ref _pieceSlots, ref _pieceTokens, ref _pieceOffsets, ref _pieceEmits);
        }
        _pieceSlots[PieceCount] = slot;
        _pieceTokens[PieceCount] = tokens;
        _pieceOffsets[PieceCount] = offset;
        _pieceEmits[PieceCount++] = emitsToken;
        PrefillTokens += tokens;
    }

    /// <summary>Drops a preempted request from this iteration (order of the rest kept).</summary>
    public void Remove(int slot)
    {
        int d = Array.IndexOf(_decodeSlots, slot, 0, DecodeCount);
        if (d >= 0)
        {
            Array.Copy(_decodeSlots, d + 1, _decodeSlots, d, DecodeCount - d - 1);
            Array.Copy(_decodeCached, d + 1, _decodeCached, d, DecodeCount - d - 1);
            DecodeCount--;
        }
        int p = Array.IndexOf(_pieceSlots, slot, 0, PieceCount);
        if (p >= 0)
        {
            PrefillTokens -= _pieceTokens[p];
            int tail = PieceCount - p - 1;
            Array.Copy(_pieceSlots, p + 1, _pieceSlots, p, tail);
            Array.Copy(_pieceTokens, p + 1, _pieceTokens, p, tail);
            Array.Copy(_pieceOffsets, p + 1, _pieceOffsets, p, tail);
            Array.Copy(_pieceEmits, p + 1, _pieceEmits, p, tail);
            PieceCount--;
        }
    }
}

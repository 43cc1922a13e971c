namespace TraceReplay.Simulation.Engine;

/// <summary>The running batch's per-iteration passes: the decodes' KV blocks, the plan, token emission, finished requests out.</summary>
public sealed partial class RunningBatch
{
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
                _table.FirstTokenNs[slot] = emitNs;
            }
            else
            {
                ReserveGaps(i); // a re-prefill after preemption: the request decoded here before
                _arena.Write(_gapStart[i], g - 1, emitNs - _lastTokenNs[i]);
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
        long[] buffer = _arena.Buffer;
        for (int i = 0; i < n; i++)
        {
            buffer[_gapStart[i] + _generated[i] - 2] = gaps[i];
        }
        return anyDone ? RemoveDone(n) : [];
    }

    /// <summary>
    /// The token gaps of <paramref name="slot"/>, which left the batch, and frees them: the span stays valid until the
    /// next request starts decoding on this rank.
    /// </summary>
    public Span<long> TakeGaps(int slot)
    {
        int start = _table.GapStart[slot];
        if (start < 0)
        {
            return [];
        }
        _arena.Free(start);
        _table.GapStart[slot] = -1;
        return _arena.Segment(start, _table.Generated[slot] - 1);
    }

    /// <summary>Takes the finished decodes among the first <paramref name="n"/> out: the kept runs between them move
    /// down as whole column copies.</summary>
    private ReadOnlySpan<int> RemoveDone(int n)
    {
        int k = 0, to = 0, run = 0;
        for (int i = 0; i < n; i++)
        {
            if (_generated[i] >= _output[i])
            {
                Move(run, to, i - run);
                to += i - run;
                WriteBack(i);
                _scratch[k++] = _slot[i];
                run = i + 1;
            }
        }
        Move(run, to, Count - run);
        Count -= k;
        DecodeCount -= k;
        return _scratch.AsSpan(0, k);
    }
}

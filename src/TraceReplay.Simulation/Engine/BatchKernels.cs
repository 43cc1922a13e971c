using System.Numerics;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// The per-iteration passes over a rank's decodes (<see cref="RunningBatch"/>), as <see cref="Vector{T}"/> operations
/// over its column spans. Each has its scalar twin, element by element as the slot-indexed engine did it (a division
/// per request for the KV blocks): the test oracle (<c>vectorized: false</c>), and the tail of the vector loops. All
/// arithmetic is on integers, so both give the same bits.
/// </summary>
internal static class BatchKernels
{
    /// <summary>Blocks the decodes need for one more KV token each (a compare and count); <paramref name="beyondOne"/>
    /// when some decode would need more than one (never, as blocks are granted a token ahead; the caller then falls back).</summary>
    public static int BlockDemand(ReadOnlySpan<int> computed, ReadOnlySpan<int> blocks, int blockTokens, bool vectorized, out bool beyondOne)
    {
        int need = 0, i = 0;
        bool beyond = false;
        if (vectorized && Vector.IsHardwareAccelerated && computed.Length >= Vector<int>.Count)
        {
            var bt = new Vector<int>(blockTokens);
            Vector<int> acc = Vector<int>.Zero, far = Vector<int>.Zero;
            for (; i <= computed.Length - Vector<int>.Count; i += Vector<int>.Count)
            {
                Vector<int> next = new Vector<int>(computed[i..]) + Vector<int>.One;
                Vector<int> capacity = new Vector<int>(blocks[i..]) * bt;
                acc -= Vector.GreaterThan(next, capacity); // a mask is -1 where one more block is needed
                far |= Vector.GreaterThan(next, capacity + bt);
            }
            need = Vector.Sum(acc);
            beyond = far != Vector<int>.Zero;
        }
        for (; i < computed.Length; i++)
        {
            int d = BlocksFor(computed[i] + 1L, blockTokens) - blocks[i];
            need += Math.Max(d, 0);
            beyond |= d > 1;
        }
        beyondOne = beyond;
        return need;
    }

    /// <summary>Grows each decode's blocks to hold one more KV token (after <see cref="BlockDemand"/> was allocated).</summary>
    public static void GrowBlocks(Span<int> blocks, ReadOnlySpan<int> computed, int blockTokens, bool vectorized)
    {
        int i = 0;
        if (vectorized && Vector.IsHardwareAccelerated && computed.Length >= Vector<int>.Count)
        {
            var bt = new Vector<int>(blockTokens);
            for (; i <= computed.Length - Vector<int>.Count; i += Vector<int>.Count)
            {
                var b = new Vector<int>(blocks[i..]);
                Vector<int> next = new Vector<int>(computed[i..]) + Vector<int>.One;
                (b - Vector.GreaterThan(next, b * bt)).CopyTo(blocks[i..]);
            }
        }
        for (; i < computed.Length; i++)
        {
            blocks[i] = Math.Max(blocks[i], BlocksFor(computed[i] + 1L, blockTokens));
        }
    }

    /// <summary>
    /// Each decode sampled a token at <paramref name="nowNs"/>: its KV grew by the token it ran, it has one more token,
    /// and <paramref name="gaps"/> gets the time since its previous one. Returns true when some decode is complete.
    /// </summary>
    public static bool Emit(Span<int> computed, Span<int> generated, ReadOnlySpan<int> output, Span<long> lastTokenNs, Span<long> gaps,
        long nowNs, bool vectorized)
    {
        int i = 0, j = 0;
        bool done = false;
        if (vectorized && Vector.IsHardwareAccelerated && computed.Length >= Vector<int>.Count)
        {
            Vector<int> finished = Vector<int>.Zero;
            for (; i <= computed.Length - Vector<int>.Count; i += Vector<int>.Count)
            {
                (new Vector<int>(computed[i..]) + Vector<int>.One).CopyTo(computed[i..]);
                Vector<int> g = new Vector<int>(generated[i..]) + Vector<int>.One;
                g.CopyTo(generated[i..]);
                finished |= Vector.GreaterThanOrEqual(g, new Vector<int>(output[i..]));
            }
            var now = new Vector<long>(nowNs);
            for (; j <= lastTokenNs.Length - Vector<long>.Count; j += Vector<long>.Count)
            {
                (now - new Vector<long>(lastTokenNs[j..])).CopyTo(gaps[j..]);
                now.CopyTo(lastTokenNs[j..]);
            }
            done = finished != Vector<int>.Zero;
        }
        for (; i < computed.Length; i++)
        {
            computed[i]++;
            done |= ++generated[i] >= output[i];
        }
        for (; j < lastTokenNs.Length; j++)
        {
            gaps[j] = nowNs - lastTokenNs[j];
            lastTokenNs[j] = nowNs;
        }
        return done;
    }

    private static int BlocksFor(long tokens, int blockTokens) => (int)((tokens + blockTokens - 1) / blockTokens);
}

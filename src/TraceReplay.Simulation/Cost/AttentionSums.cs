using System.Numerics;
using TraceReplay.Core.Operators;

namespace TraceReplay.Simulation.Cost;

/// <summary>
/// Per-request attention reductions of one iteration, in exact integer arithmetic. Integer sums are associative, so
/// the <see cref="Vector{T}"/> path and the scalar reference path return the same bits by construction, and both
/// equal the double sums of <c>OperatorGraph</c> (every term is an integer below 2^53).
/// </summary>
internal static class AttentionSums
{
    /// <summary>Decode requests with <paramref name="cached"/> KV tokens each: attended pairs and context tokens.</summary>
    public static void Decode(ReadOnlySpan<int> cached, int window, bool vectorized, out long pairs, out long context)
    {
        long p = 0, c = 0;
        int i = 0;
        if (vectorized && Vector.IsHardwareAccelerated && cached.Length >= Vector<int>.Count)
        {
            var one = Vector<int>.One;
            var w = new Vector<int>(window > 0 ? window : int.MaxValue);
            Vector<long> pAcc = Vector<long>.Zero, cAcc = Vector<long>.Zero;
            for (; i <= cached.Length - Vector<int>.Count; i += Vector<int>.Count)
            {
                Vector<int> ctx = new Vector<int>(cached[i..]) + one;
                Vector<int> seen = Vector.Min(ctx, w);
                Vector.Widen(ctx, out Vector<long> c0, out Vector<long> c1);
                Vector.Widen(seen, out Vector<long> p0, out Vector<long> p1);
                cAcc += c0 + c1;
                pAcc += p0 + p1;
            }
            p = Vector.Sum(pAcc);
            c = Vector.Sum(cAcc);
        }
        for (; i < cached.Length; i++)
        {
            long ctx = cached[i] + 1L;
            c += ctx;
            p += window > 0 ? Math.Min(ctx, window) : ctx;
        }
        pairs = p;
        context = c;
    }

    /// <summary>Prompt pieces (new tokens at an offset): causal pairs and cached tokens re-read under a window.</summary>
    public static void Prefill(ReadOnlySpan<int> tokens, ReadOnlySpan<int> offsets, int window, bool vectorized, out long pairs, out long cachedRead)
    {
        long p = 0, r = 0;
        int i = 0;
        if (vectorized && Vector.IsHardwareAccelerated && tokens.Length >= Vector<long>.Count)
        {
            int n = Vector<long>.Count;
            Span<long> nBuf = stackalloc long[n];
            Span<long> oBuf = stackalloc long[n];
            Vector<long> pAcc = Vector<long>.Zero, rAcc = Vector<long>.Zero;
            var one = Vector<long>.One;
            long wl = window > 0 ? window : long.MaxValue / 4;
            var w = new Vector<long>(wl);
            for (; i <= tokens.Length - n; i += n)
            {
                for (int j = 0; j < n; j++)
                {
                    nBuf[j] = tokens[i + j];
                    oBuf[j] = offsets[i + j];
                }
                var nv = new Vector<long>(nBuf);
                var off = new Vector<long>(oBuf);
                Vector<long> a = off + one, b = off + nv;
                // Three regimes of sum_{j=a..b} min(j, w): all below w, all at or above w, straddling w.
                Vector<long> below = Vector.ShiftRightArithmetic((a + b) * nv, 1);
                Vector<long> above = nv * w;
                Vector<long> mixed = Vector.ShiftRightArithmetic((a + w) * (w - a + one), 1) + (b - w) * w;
                Vector<long> result = Vector.ConditionalSelect(Vector.LessThanOrEqual(b, w), below,
                    Vector.ConditionalSelect(Vector.GreaterThanOrEqual(a, w), above, mixed));
                pAcc += Vector.ConditionalSelect(Vector.GreaterThan(nv, Vector<long>.Zero), result, Vector<long>.Zero);
                rAcc += Vector.Min(off, w);
            }
            p = Vector.Sum(pAcc);
            r = Vector.Sum(rAcc);
        }
        for (; i < tokens.Length; i++)
        {
            p += AttentionMath.CausalPairs<long>(offsets[i], tokens[i], window);
            r += window > 0 ? Math.Min(offsets[i], window) : offsets[i];
        }
        pairs = p;
        cachedRead = r;
    }
}

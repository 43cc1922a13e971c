using System.Numerics;

namespace TraceReplay.Core.Operators;

public static class AttentionMath
{
    /// <summary>
    /// (query, key) pairs computed when <paramref name="newTokens"/> queries at positions offset..offset+new-1 attend
    /// causally, each to at most <paramref name="window"/> keys (0 = unlimited).
    /// </summary>
    public static double CausalPairs(long offset, long newTokens, int window) => CausalPairs<double>(offset, newTokens, window);

    /// <summary>
    /// <see cref="CausalPairs(long, long, int)"/> in <typeparamref name="T"/>: double for the operator graph, long for
    /// the exact integer sums of the fast cost path. Every halved product is even, so the two agree below 2^53.
    /// </summary>
    public static T CausalPairs<T>(long offset, long newTokens, int window) where T : INumber<T>
    {
        if (newTokens <= 0)
        {
            return T.Zero;
        }
        // Query at position j (1-based) sees min(j, window) keys; sum j over [a, b].
        T a = T.CreateTruncating(offset + 1), b = T.CreateTruncating(offset + newTokens);
        T n = T.CreateTruncating(newTokens), w = T.CreateTruncating(window), two = T.One + T.One;
        if (window <= 0 || b <= w)
        {
            return (a + b) * n / two;
        }
        if (a >= w)
        {
            return n * w;
        }
        return (a + w) * (w - a + T.One) / two + (b - w) * w;
    }
}

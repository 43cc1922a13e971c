namespace TraceReplay.Core.Operators;

public static class AttentionMath
{
    /// <summary>
    /// (query, key) pairs computed when <paramref name="newTokens"/> queries at positions offset..offset+new-1 attend
    /// causally, each to at most <paramref name="window"/> keys (0 = unlimited).
    /// </summary>
    public static double CausalPairs(long offset, long newTokens, int window)
    {
        if (newTokens <= 0)
        {
            return 0;
        }
        // Query at position j (1-based) sees min(j, window) keys; sum j over [a, b].
        double a = offset + 1, b = offset + newTokens;
        if (window <= 0 || b <= window)
        {
            return (a + b) * newTokens / 2.0;
        }
        if (a >= window)
        {
            return (double)newTokens * window;
        }
        return (a + window) * (window - a + 1) / 2.0 + (b - window) * (double)window;
    }
}

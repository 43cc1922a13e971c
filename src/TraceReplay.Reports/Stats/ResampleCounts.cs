namespace TraceReplay.Reports.Stats;

/// <summary>
/// One bootstrap resample as multiplicities: drawing n rows with replacement is the same as giving row i the weight
/// "times drawn". Weighted statistics then need no copy and no re-sort per resample.
/// </summary>
public static class ResampleCounts
{
    /// <summary>The generator of resample <paramref name="index"/>: a fixed function of (seed, index), so resamples can
    /// run in parallel and still give the same numbers.</summary>
    public static Random For(int seed, int index) => new(unchecked((int)(((uint)seed * 2654435761u) ^ (uint)index)) & int.MaxValue);

    public static void Draw(Random rng, Span<int> counts)
    {
        counts.Clear();
        int n = counts.Length;
        for (int i = 0; i < n; i++)
        {
            counts[rng.Next(n)]++;
        }
    }
}

using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Simulation.Tests.Metrics;

public sealed class QuantilesTests
{
    [Fact]
    public void Selection_returns_the_sorted_nearest_rank_value()
    {
        var rng = new Random(7);
        foreach (int n in new[] { 1, 2, 3, 5, 16, 99, 100, 101, 1000, 4097 })
        {
            foreach (int distinct in new[] { 1, 3, 50, int.MaxValue })
            {
                long[] values = [.. Enumerable.Range(0, n).Select(_ => (long)rng.Next(distinct))];
                long[] sorted = [.. values.Order()];
                foreach (double q in new[] { 0.0, 0.01, 0.5, 0.9, 0.99, 1.0 })
                {
                    long[] work = [.. values];
                    Assert.Equal(Quantiles.OfSorted(sorted, q), Quantiles.Select(work, q));
                }
            }
        }
        long[] ascending = [.. Enumerable.Range(0, 500).Select(i => (long)i)];
        Assert.Equal(494, Quantiles.Select([.. ascending], 0.99));
        Assert.Equal(494, Quantiles.Select([.. ascending.Reverse()], 0.99));
        Assert.Equal(-1, Quantiles.Select([], 0.99));
    }
}

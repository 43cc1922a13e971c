using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Simulation.Tests.Metrics;

public sealed class LogHistogramTests
{
    [Fact]
    public void Quantiles_are_within_the_documented_0_4_percent_of_exact_nearest_rank()
    {
        var rng = new Random(11);
        var h = new LogHistogram();
        long[] values = [.. Enumerable.Range(0, 50_000).Select(_ => (long)Math.Exp(rng.NextDouble() * 20))];
        foreach (long v in values)
        {
            h.Add(v);
        }
        Array.Sort(values);
        foreach (double q in new[] { 0.01, 0.5, 0.9, 0.99, 0.999, 1.0 })
        {
            long exact = Quantiles.OfSorted(values, q);
            double got = h.Quantile(q);
            Assert.True(Math.Abs(got - exact) <= Math.Max(0.5, exact * 0.004), $"q{q}: exact {exact}, histogram {got}");
        }
    }

    [Fact]
    public void Small_values_are_exact_and_bucket_bounds_cover_every_value()
    {
        var h = new LogHistogram();
        foreach (long v in new long[] { 3, 3, 7, 200 })
        {
            h.Add(v);
        }
        Assert.Equal(3, h.Quantile(0.5));
        Assert.Equal(200, h.Quantile(1));
        foreach (long v in new long[] { 256, 257, 511, 512, 1_000_000_007, long.MaxValue / 3 })
        {
            (long lo, long hi) = LogHistogram.Bounds(LogHistogram.Index(v));
            Assert.InRange(v, lo, hi);
            Assert.True((hi - lo) <= lo / 256.0 + 1);
        }
    }

    [Fact]
    public void Nearest_rank_quantiles_of_a_hand_sample()
    {
        long[] sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
        Assert.Equal(50, Quantiles.OfSorted(sorted, 0.5));
        Assert.Equal(90, Quantiles.OfSorted(sorted, 0.9));
        Assert.Equal(100, Quantiles.OfSorted(sorted, 0.99));
        Assert.Equal(-1, Quantiles.OfSorted([], 0.5));
    }
}

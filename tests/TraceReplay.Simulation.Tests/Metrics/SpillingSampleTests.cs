using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Simulation.Tests.Metrics;

public sealed class SpillingSampleTests
{
    private static readonly double[] s_qs = [0, 0.001, 0.25, 0.5, 0.9, 0.99, 0.999, 1];

    private static long Exact(long[] values, double q)
    {
        long[] sorted = [.. values.Order()];
        return Quantiles.OfSorted(sorted, q);
    }

    public static TheoryData<string> Distributions => new() { "uniform-small", "heavy-tail", "spike", "huge-range", "constant" };

    private static long[] Values(string kind, int n)
    {
        var rng = new Random(11);
        return kind switch
        {
            "uniform-small" => [.. Enumerable.Range(0, n).Select(_ => (long)rng.Next(0, 1000))],
            // TTFT-like: mostly ~50 ms, a tail of multi-second queueing delays (ns).
            "heavy-tail" => [.. Enumerable.Range(0, n).Select(_ => (long)(5e7 * Math.Exp(3 * rng.NextDouble() * rng.NextDouble() * rng.NextDouble() * 4)))],
            // Most values identical (one bucket holds more than the memory cap), a few far away.
            "spike" => [.. Enumerable.Range(0, n).Select(i => i % 50 == 0 ? rng.NextInt64(0, 1L << 40) : 123_456_789L)],
            // A range of 2^48 ns (~3 days): several narrowing passes; the sum of n of them still fits a long.
            "huge-range" => [.. Enumerable.Range(0, n).Select(_ => rng.NextInt64(0, 1L << 48))],
            _ => [.. Enumerable.Repeat(42L, n)],
        };
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Spilled_quantiles_and_mean_equal_the_sorted_in_memory_answer(string kind)
    {
        long[] values = Values(kind, 20_000);
        using var spilled = new SpillingSample(memoryCapValues: 500);
        using var inMemory = new SpillingSample(memoryCapValues: 50_000);
        foreach (long v in values)
        {
            spilled.Add(v);
            inMemory.Add(v);
        }
        Assert.True(spilled.Spilled);
        Assert.False(inMemory.Spilled);
        Assert.Equal(values.Length, spilled.Count);
        foreach (double q in s_qs)
        {
            long exact = Exact(values, q);
            Assert.Equal(exact, spilled.Quantile(q));
            Assert.Equal(exact, inMemory.Quantile(q));
        }
        Assert.Equal(values.Sum() / (double)values.Length, spilled.Mean);
    }

    [Fact]
    public void An_empty_sample_has_no_quantile_and_negative_values_are_rejected()
    {
        using var s = new SpillingSample(4);
        Assert.Equal(-1, s.Quantile(0.5));
        Assert.True(double.IsNaN(s.Mean));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Add(-1));
    }

    [Fact]
    public void A_sum_past_the_64_bit_range_keeps_an_exact_mean()
    {
        // An overloaded replay of millions of requests: TTFTs of hours each sum past long.MaxValue ns (292 years);
        // the sum used to throw OverflowException out of the replay.
        using var s = new SpillingSample(4);
        const long hoursNs = 3L * 3600 * 1_000_000_000_000; // 3,000 hours, 1.08e16 ns
        for (int i = 0; i < 1000; i++)
        {
            s.Add(hoursNs + i);
        }
        Assert.Equal(hoursNs + 499.5, s.Mean, 4.0); // a double near 1e16 is exact to 2 ns
        Assert.True(1000.0 * hoursNs > long.MaxValue, "the sum must pass the 64-bit range for this test to mean anything");

        // Within the 64-bit range the mean is the same double as before (long sum / count): outputs unchanged.
        using var small = new SpillingSample(4);
        long[] values = [(1L << 60) + 1, 3, 1L << 55];
        long sum = 0;
        foreach (long v in values)
        {
            small.Add(v);
            sum += v;
        }
        Assert.Equal(sum / (double)values.Length, small.Mean);
    }

    [Fact]
    public void The_temporary_file_is_gone_after_dispose()
    {
        string[] before = Directory.GetFiles(Path.GetTempPath(), "tracereplay-sample-*.bin");
        var s = new SpillingSample(4);
        for (int i = 0; i < 100; i++)
        {
            s.Add(i);
        }
        Assert.Single(Directory.GetFiles(Path.GetTempPath(), "tracereplay-sample-*.bin").Except(before));
        Assert.Equal(49, s.Quantile(0.5));
        s.Dispose();
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "tracereplay-sample-*.bin").Except(before));
    }
}

using TraceReplay.Instrumentation;

namespace TraceReplay.Capture.Tests.Counters;

public sealed class ProgressRateTests
{
    [Fact]
    public void Rates_are_deltas_over_the_window_and_the_last_sample_is_kept()
    {
        long now = 0;
        var rate = new ProgressRate(() => now, ticksPerSecond: 1000);
        rate.Report(simulatedSeconds: 30, iterations: 600);
        now = 2000; // 2 s later
        ProgressSample first = rate.Sample();
        Assert.Equal(15, first.SimulatedSecondsPerWallSecond, 12);
        Assert.Equal(300, first.IterationsPerSecond, 12);

        Assert.Equal(first, rate.LastSample); // what the second counter of the same tick reads
        Assert.Equal(first, rate.Sample());   // no time passed: no new window

        rate.Report(90, 1000);

        now = 6000; // 4 s after the first window closed
        ProgressSample second = rate.Sample();
        Assert.Equal(15, second.SimulatedSecondsPerWallSecond, 12);
        Assert.Equal(100, second.IterationsPerSecond, 12);
        Assert.Equal(90, rate.SimulatedSeconds);
        Assert.Equal(1000, rate.Iterations);

        now = 8000; // no progress: rates drop to zero
        Assert.Equal(new ProgressSample(0, 0), rate.Sample());
    }
}

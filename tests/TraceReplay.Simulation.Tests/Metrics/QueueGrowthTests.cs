using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Simulation.Tests.Metrics;

public sealed class QueueGrowthTests
{
    [Fact]
    public void A_queue_that_grows_linearly_is_fitted_exactly_and_flagged()
    {
        var q = new QueueGrowth();
        for (int i = 0; i < 1000; i++)
        {
            q.Observe(i * 10_000_000L, i / 4); // 100 arrivals/s, the queue gains 25 requests/s
        }
        Assert.Equal(25, q.GrowthPerS, 1);
        Assert.Equal(25 * 9.99, q.RiseRequests, 0);
        Assert.True(q.Overloaded);
    }

    [Fact]
    public void A_queue_that_fluctuates_around_a_level_is_not_overloaded()
    {
        var q = new QueueGrowth();
        var rng = new Random(7);
        for (int i = 0; i < 5000; i++)
        {
            q.Observe(i * 1_000_000L, 20 + rng.Next(-15, 16));
        }
        Assert.InRange(q.RiseRequests, -16, 16);
        Assert.False(q.Overloaded);
    }

    [Fact]
    public void Growth_below_five_percent_of_arrivals_or_sixteen_requests_is_not_overloaded()
    {
        var small = new QueueGrowth();
        for (int i = 0; i < 100; i++)
        {
            small.Observe(i * 1_000_000L, i / 8); // rises ~12 requests: 12% of arrivals but under 16
        }
        Assert.False(small.Overloaded);
        var slow = new QueueGrowth();
        for (int i = 0; i < 10_000; i++)
        {
            slow.Observe(i * 1_000_000L, i / 25); // rises ~400 requests: 4% of arrivals
        }
        Assert.False(slow.Overloaded);
    }

    [Fact]
    public void One_arrival_or_one_arrival_time_has_no_growth()
    {
        var q = new QueueGrowth();
        Assert.Equal(0, q.GrowthPerS);
        q.Observe(5, 3);
        q.Observe(5, 40);
        Assert.Equal(0, q.GrowthPerS);
        Assert.False(q.Overloaded);
    }
}

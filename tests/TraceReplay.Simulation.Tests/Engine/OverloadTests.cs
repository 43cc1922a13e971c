using System.Text.Json;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Engine;

public sealed class OverloadTests
{
    private static readonly List<RequestRecord> s_requests = Replays.AzureConv(1000);

    [Fact]
    public void The_trace_at_its_own_rate_is_not_overloaded()
    {
        using var dir = new TempDir();
        ReplaySummary s = Replays.Run(Replays.Qwen("sarathi"), s_requests, dir.Path);
        Assert.False(s.Overloaded);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(dir[SummaryJsonWriter.FileName]));
        Assert.False(doc.RootElement.GetProperty("overloaded").GetBoolean());
    }

    [Fact]
    public void The_trace_far_above_capacity_is_overloaded_with_its_queue_growth_in_summary_json()
    {
        using var dir = new TempDir();
        ReplaySummary s = Replays.Run(Replays.Qwen("sarathi"), Replays.Faster(s_requests, 200), dir.Path);
        Assert.True(s.Overloaded);
        Assert.True(s.QueueGrowthRequestsPerS > 0);
        // At 200x nearly every request is still queued when the last arrives: the fitted rise is about all of them
        // (a least-squares line may overshoot the end point a little).
        Assert.InRange(s.QueueRiseRequests, 0.5 * s.Requests, 1.25 * s.Requests);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(dir[SummaryJsonWriter.FileName]));
        Assert.True(doc.RootElement.GetProperty("overloaded").GetBoolean());
        Assert.Equal(s.QueueGrowthRequestsPerS, doc.RootElement.GetProperty("queue_growth_requests_per_s").GetDouble(), 9);
    }
}

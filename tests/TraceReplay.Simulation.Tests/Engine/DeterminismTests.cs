using System.Text.Json.Nodes;
using TraceReplay.Calibration.Model;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Engine;

public sealed class DeterminismTests
{
    private static readonly List<RequestRecord> s_requests = Replays.Faster(Replays.AzureConv(800), 3);

    [Theory]
    [InlineData("layered")]
    [InlineData("sarathi")]
    public void Two_runs_write_identical_bytes(string scheduler)
    {
        using var a = new TempDir();
        using var b = new TempDir();
        ReplayOptions o = Replays.Qwen(scheduler) with { Routing = "zipf:1.1", Seed = 5, Replicas = 2 };
        Replays.Run(o, s_requests, a.Path);
        Replays.Run(o, s_requests, b.Path);
        AssertSameFiles(a, b);
        Assert.Equal(WithoutWall(a[SummaryJsonWriter.FileName]), WithoutWall(b[SummaryJsonWriter.FileName]));
    }

    [Fact]
    public void Vectorized_and_scalar_cost_paths_give_byte_identical_replays()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        Replays.Run(Replays.Qwen("layered") with { CostPath = CostPath.Vectorized }, s_requests, a.Path);
        Replays.Run(Replays.Qwen("layered") with { CostPath = CostPath.Scalar }, s_requests, b.Path);
        AssertSameFiles(a, b);
    }

    [Theory]
    [InlineData("sarathi")]
    [InlineData("layered")]
    public void Reference_cost_path_gives_byte_identical_outputs(string scheduler)
    {
        using var a = new TempDir();
        using var b = new TempDir();
        List<RequestRecord> few = [.. s_requests.Take(300)];
        ReplayOptions o = Replays.Qwen(scheduler) with { Routing = "zipf:1.1", Seed = 5 };
        ICostModel cost = CostModelFactory.Create("calibrated", GpuCatalog.Resolve(o.Gpu), out _);
        ReplaySummary fast = Replays.Run(o, few, a.Path, cost);
        Replays.Run(o with { CostPath = CostPath.Reference }, few, b.Path, cost);
        Assert.True(fast.Iterations > 1000, $"only {fast.Iterations} iterations");
        AssertSameFiles(a, b);
        Assert.Equal(WithoutWall(a[SummaryJsonWriter.FileName], dropCostPath: true), WithoutWall(b[SummaryJsonWriter.FileName], dropCostPath: true));
    }

    private static void AssertSameFiles(TempDir a, TempDir b)
    {
        foreach (string f in new[] { ReplayOutputSink.RequestsFile, ReplayOutputSink.IterationsFile })
        {
            Assert.True(File.ReadAllBytes(a[f]).AsSpan().SequenceEqual(File.ReadAllBytes(b[f])), $"{f} differs");
        }
    }

    private static string WithoutWall(string path, bool dropCostPath = false)
    {
        JsonObject o = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.True(o.Remove("wall_s"));
        Assert.True(!dropCostPath || o["run"]!.AsObject().Remove("cost_path"));
        return o.ToJsonString();
    }
}

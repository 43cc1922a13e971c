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

/// <summary>
/// The optimized (vectorized) replay against the scalar path on a non-trivial slice: 3,000 Azure conv requests at
/// twice the recorded rate on two replicas of a MoE model with Zipf routing (expert traffic depends on the batch),
/// under the calibrated (CLI default) and roofline cost models. Every output must match byte for byte:
/// requests.parquet, iterations.parquet, and summary.json without wall_s (and without run.cost_path, which records
/// the option itself).
/// </summary>
public sealed class CostPathIdentityTests
{
    private static readonly List<RequestRecord> s_requests = Replays.Faster(Replays.AzureConv(3000), 2);

    [Theory]
    [InlineData("sarathi", "calibrated")]
    [InlineData("layered", "calibrated")]
    [InlineData("decode-first", "roofline")]
    public void Vectorized_and_scalar_write_byte_identical_outputs(string scheduler, string costModel)
    {
        using var vectorized = new TempDir();
        using var scalar = new TempDir();
        ReplayOptions options = Replays.Qwen(scheduler) with { Routing = "zipf:1.2", Seed = 11, Replicas = 2 };
        ICostModel cost = CostModelFactory.Create(costModel, GpuCatalog.Resolve(options.Gpu), out _);
        Assert.Equal(costModel, cost.Name); // the embedded H100 calibration must be the one under test, not a fallback

        ReplaySummary v = Replays.Run(options with { CostPath = CostPath.Vectorized }, s_requests, vectorized.Path, cost);
        ReplaySummary s = Replays.Run(options with { CostPath = CostPath.Scalar }, s_requests, scalar.Path, cost);

        Assert.Equal(s_requests.Count, v.Requests);
        Assert.True(v.Iterations > 10_000, $"only {v.Iterations} iterations: too small a replay to mean anything");
        Assert.True(v.HbmBytesExpertWeights > 0);
        foreach (string file in new[] { ReplayOutputSink.RequestsFile, ReplayOutputSink.IterationsFile })
        {
            Assert.True(File.ReadAllBytes(vectorized[file]).AsSpan().SequenceEqual(File.ReadAllBytes(scalar[file])), $"{file} differs");
        }
        Assert.Equal(SummaryWithoutWall(scalar[SummaryJsonWriter.FileName]), SummaryWithoutWall(vectorized[SummaryJsonWriter.FileName]));
        Assert.Equal(s.Iterations, v.Iterations);
    }

    private static string SummaryWithoutWall(string path)
    {
        JsonObject o = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.True(o.Remove("wall_s"));
        Assert.True(o["run"]!.AsObject().Remove("cost_path"));
        return o.ToJsonString();
    }
}

using TraceReplay.Calibration.Model;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Engine;

/// <summary>
/// Replays under <c>--routing recorded:FILE</c>, with the file written by DuckDB (an independent Parquet writer, as the
/// capture kit's pyarrow would be): balanced recorded loads reproduce the uniform model, concentrated ones cost imbalance.
/// </summary>
public sealed class RecordedRoutingReplayTests : IDisposable
{
    private static readonly List<RequestRecord> s_requests = Replays.Faster(Replays.AzureConv(300), 4);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>3 steps x 48 layers x 128 experts; <paramref name="tokensSql"/> is the tokens of (s, l, e).</summary>
    private string Recorded(string name, string tokensSql)
    {
        string path = _dir[name];
        DuckDb.Scalar($"COPY (SELECT s AS step, l AS layer, e AS expert, CAST({tokensSql} AS BIGINT) AS tokens "
            + $"FROM range(3) a(s), range(48) b(l), range(128) c(e)) TO {DuckDb.Q(path)} (FORMAT PARQUET)");
        return path;
    }

    private static ReplayOptions Options(string routing, int ep) =>
        Replays.Qwen("sarathi") with { TensorParallel = 1, Routing = routing, ExpertParallel = ep, DpAttention = ep > 1 };

    private static ReplaySummary Run(ReplayOptions o, CollectingSink? sink = null)
    {
        ICostModel cost = CostModelFactory.Create("calibrated", GpuCatalog.Resolve(o.Gpu), out _);
        return new ReplaySimulation(o, cost, sink).Run(s_requests);
    }

    [Fact]
    public void Balanced_recorded_loads_reproduce_uniform_routing()
    {
        string file = Recorded("flat.parquet", "5");
        ReplaySummary uniform = Run(Options("uniform", 1));
        ReplaySummary recorded = Run(Options("recorded:" + file, 1));
        Assert.Equal(uniform.Iterations, recorded.Iterations);
        Assert.Equal(uniform.TtftMeanS, recorded.TtftMeanS, uniform.TtftMeanS * 1e-6);
        Assert.Equal(uniform.HbmBytesExpertWeights, recorded.HbmBytesExpertWeights, uniform.HbmBytesExpertWeights * 1e-9);

        var sink = new CollectingSink();
        ReplaySummary ep = Run(Options("recorded:" + file, 4), sink);
        Assert.All(sink.Iterations, it => Assert.InRange(it.EpImbalance, 1, 1.5)); // only whole-token rounding
        Assert.True(ep.EpImbalanceMean < 1.05, $"{ep.EpImbalanceMean}");
    }

    [Fact]
    public void Concentrated_recorded_loads_make_one_rank_the_slowest()
    {
        // Experts 0..31 (rank 0 of 4) take 9 of every 10 tokens in every layer.
        string file = Recorded("hot.parquet", "CASE WHEN e < 32 THEN 9 * 3 ELSE 1 END");
        var sink = new CollectingSink();
        ReplaySummary hot = Run(Options("recorded:" + file, 4), sink);
        ReplaySummary flat = Run(Options("recorded:" + Recorded("flat.parquet", "5"), 4));
        Assert.Equal(s_requests.Count, hot.Completed);
        // Rank 0's share is 32 x 27 / (32 x 27 + 96) = 0.9, so max/mean is 3.6 up to rounding.
        Assert.All(sink.Iterations, it => Assert.InRange(it.EpImbalance, 3.5, 3.7));
        Assert.True(hot.TbtMeanS > flat.TbtMeanS, $"hot {hot.TbtMeanS} vs flat {flat.TbtMeanS}");
    }
}

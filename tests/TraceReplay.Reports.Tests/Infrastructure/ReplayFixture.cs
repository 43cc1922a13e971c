using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;

namespace TraceReplay.Reports.Tests.Infrastructure;

/// <summary>
/// Small replay outputs made in-process with the real engine: a seeded synthetic trace (a few hundred requests of
/// Llama-3-8B on one H100), written with the engine's own sink and summary writer.
/// </summary>
public static class ReplayFixture
{
    public static ReplayOptions Options(string scheduler = "sarathi", int chunkTokens = 512) => new()
    {
        Model = "llama-3-8b",
        Gpu = "h100",
        Scheduler = scheduler,
        ChunkTokens = chunkTokens,
        SloTtftS = 0.08,
        SloTbtS = 0.015,
    };

    /// <summary>Requests with Poisson arrivals at <paramref name="ratePerS"/> and log-uniform lengths; ids from 0.</summary>
    public static List<RequestRecord> Requests(int count, double ratePerS, int seed, int promptScale = 1)
    {
        var rng = new Random(seed);
        var list = new List<RequestRecord>(count);
        double t = 0;
        for (int i = 0; i < count; i++)
        {
            t += -Math.Log(1 - rng.NextDouble()) / ratePerS;
            int prompt = (int)Math.Exp(Math.Log(64) + rng.NextDouble() * (Math.Log(2048) - Math.Log(64))) * promptScale;
            int output = (int)Math.Exp(Math.Log(8) + rng.NextDouble() * (Math.Log(256) - Math.Log(8)));
            list.Add(new RequestRecord(i, (long)(t * 1e9), prompt, output));
        }
        return list;
    }

    /// <summary>Replays <paramref name="requests"/> into <paramref name="directory"/>; returns the summary.</summary>
    public static ReplaySummary Write(string directory, IReadOnlyList<RequestRecord> requests, ReplayOptions options)
    {
        Directory.CreateDirectory(directory);
        ICostModel cost = new RooflineCostModel(GpuCatalog.Resolve(options.Gpu));
        var probe = new ReplaySimulation(options, cost);
        var info = new ReplayRunInfo(options, "synthetic.csv", "0000", "csv", null, cost.Name, cost.Provenance, probe.Energy, probe.KvBlocks);
        ReplaySummary summary;
        using (var sink = new ReplayOutputSink(directory, info.ToMetadata()))
        {
            summary = new ReplaySimulation(options, cost, sink).Run(requests);
            sink.Complete();
        }
        SummaryJsonWriter.Write(Path.Combine(directory, SummaryJsonWriter.FileName), summary, info, 0);
        return summary;
    }
}

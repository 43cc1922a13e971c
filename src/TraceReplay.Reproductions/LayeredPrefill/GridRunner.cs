using System.Collections.Concurrent;
using System.Diagnostics;
using TraceReplay.Calibration.Model;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Input;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>
/// Runs every (model, dataset, rate, scheduler) of a config in parallel (one single-threaded replay per run), each
/// over its dataset's sampled lengths re-timed with seeded Poisson arrivals, writing requests/iterations Parquet and
/// summary.json into one folder per run. Results come back in grid order whatever order they finished in.
/// </summary>
public static class GridRunner
{
    public static IReadOnlyList<RunSpec> Specs(LayeredPrefillConfig config) =>
    [
        .. from m in config.Models
           from d in m.Rates
           from r in d.All
           from s in LayeredPrefillConfig.Schedulers
           select new RunSpec(m, d.Dataset, r.RatePerS, r.AtPaperRate, s),
    ];

    public static IReadOnlyList<RunResult> Run(LayeredPrefillConfig config, IReadOnlyDictionary<string, Workload> workloads,
        SkewCalibration skew, string? runsDir, int jobs, Action<RunResult>? onDone = null)
    {
        IReadOnlyList<RunSpec> specs = Specs(config);
        var results = new ConcurrentDictionary<int, RunResult>();
        // Longest runs first (arXiv's long prompts), so the last to start is a short one.
        int[] order = [.. Enumerable.Range(0, specs.Count).OrderByDescending(i => specs[i].Dataset == Datasets.Arxiv).ThenBy(i => i)];
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            RunResult r = RunOne(specs[i], workloads[specs[i].Dataset], skew.SpecFor(specs[i].Model), config.Seed, runsDir, config.MaskedPairs);
            results[i] = r;
            onDone?.Invoke(r);
        });
        return [.. Enumerable.Range(0, specs.Count).Select(i => results[i])];
    }

    public static RunResult RunOne(RunSpec spec, Workload workload, string routing, int seed, string? runsDir,
        MaskedPairs maskedPairs = MaskedPairs.AsProfiled)
    {
        var clock = Stopwatch.StartNew();
        ReplayOptions options = ReplayFactory.Options(spec.Setup, spec.Dataset, spec.Scheduler, routing, seed);
        ICostModel cost = ReplayFactory.CostModel(maskedPairs, out string provenance);
        ArrivalRetimer retimer = ArrivalRetimer.Create(spec.RatePerS, "poisson");
        IEnumerable<RequestRecord> requests = retimer.Apply(workload.Requests, seed);
        ReplaySummary summary;
        if (runsDir is null)
        {
            summary = new ReplaySimulation(options, cost).Run(requests);
            return new RunResult(spec, summary, routing, clock.Elapsed.TotalSeconds);
        }
        string dir = Path.Combine(runsDir, spec.Folder);
        Directory.CreateDirectory(dir);
        var info = new ReplayRunInfo(options, workload.SourceFile, workload.SourceSha256, "lengths csv: " + workload.Description,
            retimer.Spec + FormattableString.Invariant($", seed {seed}"), cost.Name, provenance,
            EnergyModel.For(GpuCatalog.Resolve(options.Gpu), options), KvBlocksPerInstance: 0);
        using (var sink = new ReplayOutputSink(dir, info.ToMetadata()))
        {
            var sim = new ReplaySimulation(options, cost, sink);
            info = info with { KvBlocksPerInstance = sim.KvBlocks };
            summary = sim.Run(requests);
            sink.Complete();
            if (sink.RequestRows != summary.Requests)
            {
                throw new InvalidOperationException($"{dir}: wrote {sink.RequestRows} request rows for {summary.Requests} requests");
            }
        }
        double wall = clock.Elapsed.TotalSeconds;
        SummaryJsonWriter.Write(Path.Combine(dir, SummaryJsonWriter.FileName), summary, info, wall);
        return new RunResult(spec, summary, routing, wall);
    }
}

using System.Diagnostics;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Requests;
using TraceReplay.Instrumentation;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Input;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;
using TraceReplay.Simulation.Workloads;

namespace TraceReplay.Cli.Replay;

/// <summary>One replay from a requests file into an output folder: the work of <c>tracereplay replay</c> per scheduler.</summary>
internal static class ReplayRunner
{
    public sealed record Result(ReplaySummary Summary, ReplayRunInfo Info, double WallS, string Directory);

    public static Result Run(RequestInput input, ReplayOptions options, string costModel, ArrivalRetimer? retimer, string directory,
        Action<long, long>? progress = null, string? calibrationPath = null)
    {
        var clock = Stopwatch.StartNew();
        GpuSpec gpu = GpuCatalog.Resolve(options.Gpu);
        ICostModel cost = CostModels.Resolve(costModel, gpu, calibrationPath);
        PhaseClock.Mark("cost model: GPU, calibration load");
        var info = new ReplayRunInfo(options, Path.GetFileName(input.Path), input.Sha256, input.Format, retimer?.Spec,
            cost.Name, cost.Provenance, EnergyModel.For(gpu, options), KvBlocksPerInstance: 0);
        double readMs = 0;
        IEnumerable<RequestRecord> requests = PhaseClock.Timed(input.Read(retimer is not null), ms => readMs = ms);
        if (retimer is not null)
        {
            requests = retimer.Apply(requests, options.Seed);
        }
        return Replay(info, options, cost, directory, clock, (sim, p) =>
        {
            ReplaySummary s = sim.Run(requests, p);
            PhaseClock.Carve("input: read and parse requests (streamed)", readMs);
            return s;
        }, progress, input.Path);
    }

    /// <summary>A closed-loop benchmark (<c>replay --concurrency C --isl N --osl M --num-requests K</c>) into an output folder.</summary>
    public static Result RunClosedLoop(ClosedLoopWorkload workload, ReplayOptions options, string costModel, string directory,
        Action<long, long>? progress = null, string? calibrationPath = null)
    {
        var clock = Stopwatch.StartNew();
        GpuSpec gpu = GpuCatalog.Resolve(options.Gpu);
        ICostModel cost = CostModels.Resolve(costModel, gpu, calibrationPath);
        var info = new ReplayRunInfo(options, "closed-loop", "", "closed-loop", null, cost.Name, cost.Provenance, EnergyModel.For(gpu, options),
            KvBlocksPerInstance: 0, Workload: workload.Spec);
        return Replay(info, options, cost, directory, clock, (sim, p) => sim.Run(new ClosedLoopSource(workload), p), progress);
    }

    private static Result Replay(ReplayRunInfo info, ReplayOptions options, ICostModel cost, string directory, Stopwatch clock,
        Func<ReplaySimulation, Action<long, long>, ReplaySummary> run, Action<long, long>? progress, string? inputPath = null)
    {
        ReplaySummary summary;
        using (var sink = new ReplayOutputSink(directory, info.ToMetadata(), info.Options.ExpertParallel > 1))
        {
            var sim = new ReplaySimulation(options, cost, sink);
            info = info with { KvBlocksPerInstance = sim.KvBlocks };
            PhaseClock.Mark("replay setup: model, graph, KV capacity");
            // Publish progress as EventCounters too, so `dotnet-counters monitor -n tracereplay --counters TraceReplay-Replay` can watch.
            try
            {
                summary = run(sim, (routed, nowNs) =>
                {
                    ReplayEventSource.Log.ReportProgress(nowNs / 1e9, sim.Iterations);
                    progress?.Invoke(routed, nowNs);
                });
            }
            catch (InvalidDataException ex) when (inputPath is not null && !ex.Message.Contains(inputPath, StringComparison.Ordinal))
            {
                // The simulation checks the request stream (e.g. arrival order) but does not know the file: name it.
                throw new InvalidDataException($"{inputPath}: {ex.Message}", ex);
            }
            PhaseClock.Mark("replay: event loop (less the input read)");
            sink.Complete();
            PhaseClock.Mark("outputs: requests.parquet, iterations.parquet");
            if (sink.RequestRows != summary.Requests)
            {
                throw new InvalidOperationException($"wrote {sink.RequestRows} request rows for {summary.Requests} requests");
            }
        }
        double wall = clock.Elapsed.TotalSeconds;
        try
        {
            SummaryJsonWriter.Write(Path.Combine(directory, SummaryJsonWriter.FileName), summary, info, wall);
            PhaseClock.Mark("outputs: summary.json");
        }
        catch
        {
            // A run is its three files together: without its summary, this run's Parquet outputs are removed too.
            File.Delete(Path.Combine(directory, ReplayOutputSink.RequestsFile));
            File.Delete(Path.Combine(directory, ReplayOutputSink.IterationsFile));
            throw;
        }
        return new Result(summary, info, wall, directory);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TraceReplay.Benchmarks.Cli;
using TraceReplay.Benchmarks.Ingest;
using TraceReplay.Benchmarks.Replay;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Requests;
using TraceReplay.Ingest;
using TraceReplay.Ingest.Diagnostics;
using TraceReplay.Ingest.Kernels;
using TraceReplay.Ingest.Kernels.Classification;
using TraceReplay.Ingest.Requests;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;

namespace TraceReplay.Benchmarks.Measure;

/// <summary>
/// Single measurements in a fresh process (peak RSS is per process), appended as JSON lines to RESULTS:
/// <code>
/// measure RESULTS replay CONFIG COST_MODEL TILE   whole replay with requests/iterations Parquet + summary.json written
/// measure RESULTS ingest-requests FILE            Azure CSV -> canonical request Parquet
/// measure RESULTS parse-requests FILE             the same CSV read and parsed, rows counted, no Parquet written
/// measure RESULTS ingest-kernels SAMPLE           shared/data kernel sample -> kernel Parquet
/// measure RESULTS cold-cli RUNS                   RUNS fresh `tracereplay replay` processes: median per phase (issue 15)
/// generate-azure ROWS FILE                        writes the synthetic Azure-format CSV the ingest measurement reads
/// </code>
/// </summary>
public static class MeasureCommand
{
    public static int Run(string[] args)
    {
        if (args[0] == "generate-azure")
        {
            AzureCsvGenerator.Write(args[2], int.Parse(args[1], CultureInfo.InvariantCulture));
            return 0;
        }
        string results = args[1];
        if (args[2] == "cold-cli")
        {
            return ColdCliMeasure.Run(results, int.Parse(args[3], CultureInfo.InvariantCulture));
        }
        Measurement m = args[2] switch
        {
            "replay" => Replay(args[3], args[4], int.Parse(args[5], CultureInfo.InvariantCulture)),
            "ingest-requests" => IngestRequests(args[3]),
            "parse-requests" => ParseRequests(args[3]),
            "ingest-kernels" => IngestKernels(args[3]),
            _ => throw new ArgumentException($"measure: unknown kind '{args[2]}' (replay, ingest-requests, parse-requests, ingest-kernels, cold-cli)"),
        };
        m = m with { AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true), PeakRssBytes = ProcessMemory.PeakRssBytes(), Gen2Collections = GC.CollectionCount(2) };
        string line = JsonSerializer.Serialize(m);
        File.AppendAllText(results, line + "\n");
        Console.WriteLine(line);
        return 0;
    }

    private static Measurement Replay(string config, string costModel, int tile)
    {
        List<RequestRecord> trace = AzureConvTrace.Load();
        ReplayOptions options = BenchConfig.Options(config);
        ICostModel cost = BenchConfig.CostModel(costModel, options.Gpu);
        string dir = Directory.CreateTempSubdirectory("tracereplay-measure-").FullName;
        try
        {
            var info = new ReplayRunInfo(options, "AzureLLMInferenceTrace_conv.csv", "-", "azure-2023", tile > 1 ? $"tiled x{tile}" : null,
                cost.Name, cost.Provenance, EnergyModel.For(GpuCatalog.Resolve(options.Gpu), options), 0);
            var clock = Stopwatch.StartNew();
            using var sink = new ReplayOutputSink(dir, info.ToMetadata());
            var sim = new ReplaySimulation(options, cost, sink);
            ReplaySummary summary = sim.Run(AzureConvTrace.Tiled(trace, tile));
            sink.Complete();
            SummaryJsonWriter.Write(Path.Combine(dir, SummaryJsonWriter.FileName), summary, info with { KvBlocksPerInstance = sim.KvBlocks }, clock.Elapsed.TotalSeconds);
            return new Measurement
            {
                Kind = "replay", Name = config, CostModel = costModel, Tile = tile, Rows = summary.Requests, Iterations = summary.Iterations, WallS = clock.Elapsed.TotalSeconds,
                TtftP99S = summary.TtftP99S, Preemptions = summary.Preemptions
            };
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Measurement IngestRequests(string file)
    {
        string dir = Directory.CreateTempSubdirectory("tracereplay-measure-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            string output = Path.Combine(dir, "out.parquet");
            IngestCounts counts = RequestIngest.RunAsync(new RequestIngestOptions([file], output), new IngestContext(new RejectSink(0)))
                .GetAwaiter().GetResult();
            return new Measurement
            {
                Kind = "ingest-requests", Name = Path.GetFileName(file), Rows = counts.RowsRead, InputBytes = new FileInfo(file).Length,
                OutputBytes = new FileInfo(output).Length, WallS = clock.Elapsed.TotalSeconds
            };
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Measurement ParseRequests(string file)
    {
        var clock = Stopwatch.StartNew();
        long rows = IngestBenchmarks.Parse(file);
        return new Measurement { Kind = "parse-requests", Name = Path.GetFileName(file), Rows = rows, InputBytes = new FileInfo(file).Length, WallS = clock.Elapsed.TotalSeconds };
    }

    private static Measurement IngestKernels(string sample)
    {
        string file = SharedSamples.Path(sample);
        string dir = Directory.CreateTempSubdirectory("tracereplay-measure-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            IngestCounts counts = KernelIngest.RunAsync([file], Path.Combine(dir, "kernels.parquet"), "auto", KernelClassifier.Default, new IngestContext(new RejectSink(0)))
                .GetAwaiter().GetResult();
            return new Measurement { Kind = "ingest-kernels", Name = sample, Rows = counts.RowsRead, InputBytes = new FileInfo(file).Length, WallS = clock.Elapsed.TotalSeconds };
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

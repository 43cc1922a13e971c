using System.Globalization;
using BenchmarkDotNet.Attributes;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Benchmarks;

/// <summary>
/// Whole replays of the shipped Azure 2023 conversation trace (19,366 requests) for Qwen3-30B-A3B on 2x H100 (TP 2),
/// no output files, vectorized vs scalar iteration cost.
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private List<RequestRecord> _requests = [];
    private ICostModel _cost = null!;

    [Params("sarathi", "layered")]
    public string Scheduler { get; set; } = "sarathi";

    [Params(CostPath.Vectorized, CostPath.Scalar)]
    public CostPath Path { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _requests = LoadAzureConv();
        _cost = new RooflineCostModel(GpuCatalog.Resolve("h100"));
    }

    [Benchmark]
    public long Replay()
    {
        var options = new ReplayOptions { Model = "qwen3-30b-a3b", Gpu = "h100", TensorParallel = 2, Scheduler = Scheduler, CostPath = Path };
        return new ReplaySimulation(options, _cost).Run(_requests).Iterations;
    }

    /// <summary>The trace as shipped in traces/ (found by walking up from the benchmark binary).</summary>
    internal static List<RequestRecord> LoadAzureConv()
    {
        string? file = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && file is null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "traces", "azure-2023", "AzureLLMInferenceTrace_conv.csv");
            file = File.Exists(candidate) ? candidate : null;
        }
        var list = new List<RequestRecord>();
        long first = 0;
        foreach (string line in File.ReadLines(file ?? throw new FileNotFoundException("traces/azure-2023/AzureLLMInferenceTrace_conv.csv not found above " + AppContext.BaseDirectory)).Skip(1))
        {
            string[] f = line.Split(',');
            long ticks = DateTime.ParseExact(f[0], "yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture).Ticks;
            first = list.Count == 0 ? ticks : first;
            list.Add(new RequestRecord(list.Count, (ticks - first) * 100, int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture)));
        }
        return list;
    }
}

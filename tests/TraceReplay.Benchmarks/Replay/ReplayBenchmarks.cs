using BenchmarkDotNet.Attributes;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Benchmarks.Replay;

/// <summary>
/// Whole replays of the Azure 2023 conversation trace (19,366 requests), no output files, default (vectorized) cost
/// path, for each <see cref="BenchConfig"/> under the calibrated (CLI default) and roofline cost models. Requests/s,
/// iterations/s and allocated bytes per iteration are derived from these timings and the iteration counts of the
/// <c>measure</c> runs (tools/bench/run.sh).
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private List<RequestRecord> _requests = [];
    private ICostModel _cost = null!;
    private ReplayOptions _options = null!;

    [ParamsSource(nameof(Configs))]
    public string Config { get; set; } = BenchConfig.Names[0];

    [Params("calibrated", "roofline")]
    public string CostModel { get; set; } = "calibrated";

    public static IEnumerable<string> Configs => BenchConfig.Names;

    [GlobalSetup]
    public void Setup()
    {
        _requests = AzureConvTrace.Load();
        _options = BenchConfig.Options(Config);
        _cost = BenchConfig.CostModel(CostModel, _options.Gpu);
    }

    [Benchmark]
    public long Replay() => new ReplaySimulation(_options, _cost).Run(_requests).Iterations;
}

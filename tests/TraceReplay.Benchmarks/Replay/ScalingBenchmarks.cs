using BenchmarkDotNet.Attributes;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Benchmarks.Replay;

/// <summary>
/// The Azure conv trace tiled 1x and 10x in time (streamed: copies are generated, not stored), no output files,
/// calibrated. Time per 10x shows linearity of the engine alone; (allocated at 10x - at 1x) / (extra iterations) is
/// the steady-state allocation per iteration. The 100x tiling and peak RSS are measured with outputs in fresh
/// processes (<c>measure</c>), where one run of ~30 s is enough.
/// </summary>
[MemoryDiagnoser]
public class ScalingBenchmarks
{
    private List<RequestRecord> _trace = [];
    private ICostModel _cost = null!;
    private ReplayOptions _options = null!;

    [ParamsSource(nameof(Configs))]
    public string Config { get; set; } = BenchConfig.Names[0];

    [Params(1, 10)]
    public int Tile { get; set; } = 1;

    public static IEnumerable<string> Configs => BenchConfig.Names;

    [GlobalSetup]
    public void Setup()
    {
        _trace = AzureConvTrace.Load();
        _options = BenchConfig.Options(Config);
        _cost = BenchConfig.CostModel("calibrated", _options.Gpu);
    }

    [Benchmark]
    public long Replay() => new ReplaySimulation(_options, _cost).Run(AzureConvTrace.Tiled(_trace, Tile)).Iterations;
}

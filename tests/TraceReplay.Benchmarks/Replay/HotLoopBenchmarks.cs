using BenchmarkDotNet.Attributes;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Benchmarks.Replay;

/// <summary>
/// The hot loop per replay iteration: the same whole replay (Qwen3-30B-A3B, 2x H100, layered, calibrated; MoE, so
/// routing matters) with the vectorized and the scalar iteration-cost path. Both write byte-identical results
/// (DeterminismTests); time per iteration = mean / iterations. The operator-by-operator reference is measured per
/// evaluation in <see cref="IterationCostBenchmarks"/> (a whole replay on it takes minutes).
/// </summary>
[MemoryDiagnoser]
public class HotLoopBenchmarks
{
    private List<RequestRecord> _requests = [];
    private ICostModel _cost = null!;
    private ReplayOptions _options = null!;

    [Params(CostPath.Vectorized, CostPath.Scalar)]
    public CostPath Path { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _requests = AzureConvTrace.Load();
        _options = BenchConfig.Options("qwen3-30b-a3b-2xh100-layered") with { CostPath = Path };
        _cost = BenchConfig.CostModel("calibrated", _options.Gpu);
    }

    [Benchmark]
    public long Replay() => new ReplaySimulation(_options, _cost).Run(_requests).Iterations;
}

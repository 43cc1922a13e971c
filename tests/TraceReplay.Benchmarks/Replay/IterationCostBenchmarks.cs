using BenchmarkDotNet.Attributes;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;
using TraceReplay.Core.Routing;
using TraceReplay.Parquet.Routing;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Benchmarks.Replay;

/// <summary>
/// One iteration's cost for Qwen3-30B-A3B TP 2: 256 decodes at random contexts plus one 256-token chunk.
/// Vectorized and scalar fast paths against the per-operator reference, under the calibrated and roofline cost models.
/// </summary>
[MemoryDiagnoser]
public class IterationCostBenchmarks
{
    private readonly IterationPlan _plan = new();
    private FastIterationCost _vector = null!;
    private FastIterationCost _scalar = null!;
    private ReferenceIterationCost _reference = null!;

    [Params("calibrated", "roofline")]
    public string CostModel { get; set; } = "calibrated";

    [GlobalSetup]
    public void Setup()
    {
        ModelSpec model = ModelCatalog.Resolve("qwen3-30b-a3b");
        IRoutingModel? routing = RoutingModels.Create("uniform", model, 0);
        var graph = new OperatorGraph(model, 2, routing);
        ICostModel cost = BenchConfig.CostModel(CostModel, "h100");
        _vector = new FastIterationCost(graph, cost, routing, vectorized: true);
        _scalar = new FastIterationCost(graph, cost, routing, vectorized: false);
        _reference = new ReferenceIterationCost(graph, cost);
        var rng = new Random(42);
        _plan.Reset(model.NumLayers);
        for (int i = 0; i < 256; i++)
        {
            _plan.AddDecode(i, rng.Next(100, 8000));
        }
        _plan.AddPiece(1000, 256, 512, emitsToken: false);
        _vector.Evaluate(_plan); // fill the token-count memo
        _scalar.Evaluate(_plan);
    }

    [Benchmark(Baseline = true)]
    public double Scalar() => _scalar.Evaluate(_plan).LatencyUs;

    [Benchmark]
    public double Vectorized() => _vector.Evaluate(_plan).LatencyUs;

    [Benchmark]
    public double Reference() => _reference.Evaluate(_plan).LatencyUs;
}

using BenchmarkDotNet.Attributes;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Benchmarks.Core;

/// <summary>The reference (operator-by-operator) evaluation of one iteration: the cost the fast replay path avoids.</summary>
[MemoryDiagnoser]
public class OperatorGraphBenchmarks
{
    private OperatorGraph _graph = null!;
    private RooflineCostModel _cost = null!;
    private readonly BatchShape _batch = new();
    private readonly List<Operator> _ops = new(4096);

    [Params("llama-3-8b", "qwen3-30b-a3b", "deepseek-v3")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        ModelSpec model = ModelCatalog.Resolve(Model);
        _graph = new OperatorGraph(model, model.Name.StartsWith("DeepSeek", StringComparison.Ordinal) ? 8 : 2);
        _cost = new RooflineCostModel(GpuCatalog.Resolve("h100"));
        var rng = new Random(42);
        _batch.AddPrefill(300, 212);
        for (int i = 0; i < 128; i++)
        {
            _batch.AddDecode(rng.Next(100, 4000));
        }
    }

    [Benchmark]
    public double BuildAndCostIteration()
    {
        _ops.Clear();
        _graph.Build(_batch, LayerRange.All(_graph.Model.NumLayers), true, true, _ops);
        return IterationCost.Sum(_cost, _ops).LatencyUs;
    }
}

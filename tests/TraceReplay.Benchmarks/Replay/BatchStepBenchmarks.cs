using BenchmarkDotNet.Attributes;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Benchmarks.Replay;

/// <summary>
/// One engine iteration on a serving instance with 256 running decodes (sarathi, 512-token budget; CodeLlama-34B
/// on A100 TP 2 where a cost model is used): schedule (KV-block demand, the batch), cost, and completion (token
/// emission, gaps, finished requests out). Output lengths are drawn so about one request finishes per iteration; each
/// is replaced by a fresh decode (as a disaggregated decode instance receives them), so the batch stays at 256.
/// <c>Vectorized</c> is the engine's running batch; <c>ScalarOracle</c> the same passes element by element, the test
/// oracle (BatchOracleIdentityTests). <c>Cost = none</c> isolates the batch passes; <c>fast</c> adds the iteration cost.
/// </summary>
[MemoryDiagnoser]
public class BatchStepBenchmarks : IRequestFinisher
{
    private const int Running = 256;
    private readonly RequestTable _table = new();
    private readonly Random _rng = new(15);
    private ServingInstance _instance = null!;
    private long _nowNs;
    private long _iteration;
    private long _nextId;

    [Params("Vectorized", "ScalarOracle")]
    public string Path { get; set; } = "Vectorized";

    [Params("none", "fast")]
    public string Cost { get; set; } = "none";

    [GlobalSetup]
    public void Setup()
    {
        ReplayOptions options = BenchConfig.Options("codellama-34b-a100-tp2-sarathi") with { MaxSequences = Running };
        ModelSpec model = ModelCatalog.Resolve(options.Model);
        IIterationCostEvaluator cost = Cost == "none"
            ? new ConstantCost()
            : new FastIterationCost(new OperatorGraph(model, options.TensorParallel, null), BenchConfig.CostModel("calibrated", options.Gpu), null, vectorized: true);
        _instance = new ServingInstance(0, options, _table, cost, new EnergyModel(0, 0, 0, 1, "bench"), kvBlocks: 1_000_000,
            model.NumLayers, vectorizedBatch: Path == "Vectorized");
        for (int i = 0; i < Running; i++)
        {
            AddDecode();
        }
        for (int i = 0; i < 2000; i++)
        {
            Iteration(); // past the first finishes: steady state
        }
    }

    [Benchmark]
    public long Iteration()
    {
        IterationRecord it = _instance.TryStart(_nowNs, _iteration++)!.Value;
        _nowNs += it.DurationNs;
        _instance.Complete(_nowNs, this);
        while (_instance.Context.Running.Count < Running)
        {
            AddDecode();
        }
        return _nowNs;
    }

    public void Finish(int slot, Span<long> gapsNs) => _table.Release(slot); // the instance gave its blocks back

    /// <summary>A decode with its prompt's KV in place and its first token out, outputs of 2-512 tokens (mean ~256).</summary>
    private void AddDecode()
    {
        int prompt = _rng.Next(100, 4000);
        int s = _table.Allocate(new RequestRecord(_nextId++, _nowNs, prompt, _rng.Next(2, 512)), 0);
        int blocks = _instance.Context.Blocks.BlocksFor(prompt);
        _instance.Context.Blocks.TryAllocate(blocks);
        _table.Blocks[s] = blocks;
        _table.Computed[s] = _table.PrefillTarget[s] = prompt;
        _table.Generated[s] = 1;
        _table.FirstTokenNs[s] = _table.LastTokenNs[s] = _nowNs;
        _instance.Context.Running.Add(s);
    }

    private sealed class ConstantCost : IIterationCostEvaluator
    {
        public IterationCost Evaluate(IterationPlan plan) => new(20_000, default, 0);
    }
}

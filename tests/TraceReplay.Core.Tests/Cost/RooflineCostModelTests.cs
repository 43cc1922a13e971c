using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Core.Tests.Cost;

public sealed class RooflineCostModelTests
{
    private static readonly GpuSpec s_h100 = GpuCatalog.Resolve("h100");

    [Fact]
    public void Memory_bound_decode_gemm_costs_its_bytes_over_achievable_bandwidth()
    {
        ModelSpec m = ModelCatalog.Resolve("llama-3-8b");
        var ops = new List<Operator>();
        new OperatorGraph(m).Build(new BatchShape().AddDecode(10), new LayerRange(0, 1), false, false, ops);
        Operator up = ops.Single(o => o.Kind == OpKind.MlpUpGate);
        ClassEfficiency e = RooflineEfficiency.Defaults[OpClass.Gemm];
        OpCost cost = new RooflineCostModel(s_h100).Estimate(up);
        Assert.Equal(up.Bytes.TotalBytes / (3.35e12 * e.Memory) * 1e6 + e.OverheadUs, cost.LatencyUs, 9);
        Assert.Equal(up.Bytes.TotalBytes, cost.HbmBytes);
    }

    [Fact]
    public void Compute_bound_prefill_gemm_costs_its_flops_over_achievable_peak()
    {
        ModelSpec m = ModelCatalog.Resolve("llama-3-8b");
        var ops = new List<Operator>();
        new OperatorGraph(m).Build(new BatchShape().AddPrefill(8192), new LayerRange(0, 1), false, false, ops);
        Operator up = ops.Single(o => o.Kind == OpKind.MlpUpGate);
        ClassEfficiency e = RooflineEfficiency.Defaults[OpClass.Gemm];
        Assert.Equal(up.Flops / (989e12 * e.Compute) * 1e6 + e.OverheadUs, new RooflineCostModel(s_h100).Estimate(up).LatencyUs, 9);
    }

    [Fact]
    public void Latency_is_monotone_in_tokens_for_every_operator_class()
    {
        ModelSpec m = ModelCatalog.Resolve("qwen3-30b-a3b");
        var graph = new OperatorGraph(m, 2);
        var cost = new RooflineCostModel(s_h100);
        IterationCost previous = default;
        foreach (int tokens in new[] { 1, 8, 64, 512, 4096, 16384 })
        {
            IterationCost now = IterationCost.Sum(cost, graph.BuildIteration(new BatchShape().AddPrefill(tokens)));
            Assert.True(now.LatencyUs > previous.LatencyUs, $"{tokens} tokens: {now.LatencyUs} us <= {previous.LatencyUs} us");
            previous = now;
        }
    }

    [Fact]
    public void All_reduce_is_a_ring_over_the_interconnect()
    {
        var op = new Operator { Kind = OpKind.MlpAllReduce, Layer = 0, Flops = 0, Bytes = default, CommBytes = 1e6, TpDegree = 4 };
        ClassEfficiency e = RooflineEfficiency.Defaults[OpClass.AllReduce];
        Assert.Equal(2.0 * 3 / 4 * 1e6 / (450e9 * e.Memory) * 1e6 + e.OverheadUs, new RooflineCostModel(s_h100).Estimate(op).LatencyUs, 9);
    }
}

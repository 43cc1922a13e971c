using TraceReplay.Calibration.Model;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;
using TraceReplay.Core.Routing;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Tests.Cost;

/// <summary>The per-layer-kind fast path against the per-operator reference, over random batches and layer groups,
/// under the roofline and the calibrated (CLI default) cost models.</summary>
public sealed class FastIterationCostTests
{
    public static TheoryData<string, int, string> Cases => new()
    {
        { "qwen3-30b-a3b", 2, "uniform" },
        { "qwen3-30b-a3b", 2, "zipf:1.2" },
        { "qwen3-30b-a3b", 2, "hot:46:0.8842" }, // the layered-prefill reproduction's fitted skew (layer-invariant path)
        { "gpt-oss-20b", 1, "hot:12:0.8842" },
        { "gpt-oss-20b", 1, "uniform" },  // alternating 128-token sliding window, MXFP4 experts
        { "deepseek-v3", 8, "uniform" },  // MLA, first 3 layers dense
        { "llama-3-8b", 1, "uniform" },   // dense GQA
        { "mixtral-8x7b", 2, "uniform" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fast_path_equals_the_operator_by_operator_reference(string modelName, int tp, string routingSpec)
    {
        ModelSpec model = ModelCatalog.Resolve(modelName);
        IRoutingModel? routing = RoutingModels.Create(routingSpec, model, seed: 3);
        var graph = new OperatorGraph(model, tp, routing);
        foreach (string kind in new[] { "roofline", "calibrated" })
        {
            ICostModel cost = CostModelFactory.Create(kind, GpuCatalog.Resolve("h100"), out _);
            Assert.Equal(kind, cost.Name);
            var reference = new ReferenceIterationCost(graph, cost);
            var vector = new FastIterationCost(graph, cost, routing, vectorized: true);
            var scalar = new FastIterationCost(graph, cost, routing, vectorized: false);
            var rng = new Random(42);
            var plan = new IterationPlan();
            for (int trial = 0; trial < 150; trial++)
            {
                RandomPlan(plan, rng, model.NumLayers);
                IterationCost want = reference.Evaluate(plan);
                IterationCost fast = vector.Evaluate(plan);
                BitEqual(fast, scalar.Evaluate(plan)); // by construction (integer reductions)
                BitEqual(want, fast);                  // same operators' costs, added in the same order
            }
        }
    }

    private static void BitEqual(in IterationCost want, in IterationCost got)
    {
        double[] w = [want.LatencyUs, want.Flops, want.Bytes.WeightBytes, want.Bytes.ExpertWeightBytes, want.Bytes.KvReadBytes, want.Bytes.KvWriteBytes, want.Bytes.ActivationBytes];
        double[] g = [got.LatencyUs, got.Flops, got.Bytes.WeightBytes, got.Bytes.ExpertWeightBytes, got.Bytes.KvReadBytes, got.Bytes.KvWriteBytes, got.Bytes.ActivationBytes];
        for (int i = 0; i < w.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(w[i]) == BitConverter.DoubleToInt64Bits(g[i]), $"field {i}: want {w[i]:R}, got {g[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Aggregate_attention_operators_equal_the_graphs_field_for_field(string modelName, int tp, string routingSpec)
    {
        ModelSpec model = ModelCatalog.Resolve(modelName);
        var graph = new OperatorGraph(model, tp, RoutingModels.Create(routingSpec, model, seed: 3));
        var ops = new AttentionOps(graph);
        var rng = new Random(7);
        for (int trial = 0; trial < 40; trial++)
        {
            var batch = new BatchShape();
            int[] dec = [.. Enumerable.Range(0, rng.Next(0, 40)).Select(_ => rng.Next(0, 20_000))];
            (int T, int O)[] pre = [.. Enumerable.Range(0, rng.Next(0, 4)).Select(_ => (rng.Next(1, 3000), rng.Next(0, 5000)))];
            foreach (int d in dec)
            {
                batch.AddDecode(d);
            }
            foreach ((int t, int o) in pre)
            {
                batch.AddPrefill(t, o);
            }
            if (batch.Tokens == 0)
            {
                continue;
            }
            for (int layer = 0; layer < model.NumLayers; layer += Math.Max(1, model.NumLayers / 5))
            {
                int w = model.SlidingWindowTokens[layer];
                var want = new List<Operator>();
                graph.Build(batch, new LayerRange(layer, layer + 1), false, false, want);
                want.RemoveAll(o => !AttentionOps.IsBatchDependent(o.Kind));
                AttentionSums.Decode(dec, w, true, out long dp, out long dc);
                AttentionSums.Prefill([.. pre.Select(p => p.T)], [.. pre.Select(p => p.O)], w, true, out long pp, out long pr);
                var agg = new AttentionAggregate(pre.Length, pre.Sum(p => (long)p.T), pre.Sum(p => (long)p.T + p.O), pp, pr, dec.Length, dc, dp);
                var got = new List<Operator>();
                ops.Build(agg, layer, got);
                Assert.Equal(want, got);
            }
        }
    }

    [Fact]
    public void Reference_path_of_a_whole_model_iteration_is_BuildIteration_plus_IterationCost_Sum_up_to_summation_order()
    {
        ModelSpec model = ModelCatalog.Resolve("gpt-oss-20b");
        var graph = new OperatorGraph(model, 1);
        var cost = new RooflineCostModel(GpuCatalog.Resolve("h100"));
        var reference = new ReferenceIterationCost(graph, cost);
        var rng = new Random(5);
        var plan = new IterationPlan();
        for (int trial = 0; trial < 30; trial++)
        {
            RandomPlan(plan, rng, model.NumLayers);
            plan.PrefillLayers = LayerRange.All(model.NumLayers);
            plan.PrefillEmbeds = true;
            var batch = new BatchShape();
            foreach (int c in plan.DecodeCached)
            {
                batch.AddDecode(c);
            }
            for (int i = 0; i < plan.PieceCount; i++)
            {
                batch.AddPrefill(plan.PieceTokens[i], plan.PieceOffsets[i], plan.PieceEmits[i]);
            }
            // The reference groups each layer's sum (token part, attention part); a flat sum differs in the last bits only.
            IterationCost flat = IterationCost.Sum(cost, graph.BuildIteration(batch)), grouped = reference.Evaluate(plan);
            Close(flat.LatencyUs, grouped.LatencyUs);
            Close(flat.Flops, grouped.Flops);
            Close(flat.Bytes.TotalBytes, grouped.Bytes.TotalBytes);
        }
    }

    [Fact]
    public void Layered_iteration_streams_experts_for_decodes_plus_cohort_in_the_group_and_decodes_alone_elsewhere()
    {
        ModelSpec model = ModelCatalog.Resolve("qwen3-30b-a3b");
        var graph = new OperatorGraph(model, 2);
        var fast = new FastIterationCost(graph, new RooflineCostModel(GpuCatalog.Resolve("h100")), null, vectorized: true);
        var plan = new IterationPlan();
        plan.Reset(48);
        for (int i = 0; i < 10; i++)
        {
            plan.AddDecode(i, 500);
        }
        plan.AddPiece(99, 1000, 0, emitsToken: false);
        plan.PrefillLayers = new LayerRange(0, 24);
        static double Distinct(int tokens) => 128 * (1 - Math.Pow(1 - 8.0 / 128, tokens));
        double bytesPerExpertPerGpu = 3.0 * 2048 * 768 * 2 / 2; // gate+up+down, BF16, split over TP 2
        double want = 24 * Distinct(1010) * bytesPerExpertPerGpu + 24 * Distinct(10) * bytesPerExpertPerGpu;
        Assert.Equal(want, fast.Evaluate(plan).Bytes.ExpertWeightBytes, want * 1e-12);
    }

    /// <summary>Random mix of decodes and prompt pieces; half the time a layered group range.</summary>
    internal static void RandomPlan(IterationPlan plan, Random rng, int layers)
    {
        plan.Reset(layers);
        int decodes = rng.Next(0, 5) == 0 ? 0 : rng.Next(0, 257);
        for (int i = 0; i < decodes; i++)
        {
            plan.AddDecode(i, rng.Next(0, 30_000));
        }
        int pieces = rng.Next(0, 4) == 0 ? 0 : rng.Next(1, 12);
        for (int i = 0; i < pieces; i++)
        {
            plan.AddPiece(1000 + i, rng.Next(1, 2048), rng.Next(0, 3) == 0 ? 0 : rng.Next(0, 20_000), rng.Next(0, 2) == 0);
        }
        if (decodes + pieces == 0)
        {
            plan.AddDecode(0, 10);
        }
        if (pieces > 0 && rng.Next(0, 2) == 0)
        {
            int groups = rng.Next(1, Math.Min(16, layers) + 1);
            int g = rng.Next(0, groups);
            plan.PrefillLayers = Simulation.Scheduling.LayerGroups.Range(g, groups, layers);
            plan.GroupIndex = g;
            plan.GroupCount = groups;
            plan.PrefillEmbeds = g == 0;
        }
    }

    private static void Close(double want, double got) =>
        Assert.True(Math.Abs(want - got) <= 1e-9 * Math.Max(Math.Abs(want), 1e-300), $"want {want:R}, got {got:R} (rel {Math.Abs(want - got) / Math.Abs(want):E2})");
}

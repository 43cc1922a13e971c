using TraceReplay.Calibration.Model;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Tests.Model;

/// <summary>Every shipped calibration: latency non-decreasing in work, positive, and sane at 4x the profiled range.</summary>
public sealed class MonotonicityTests
{
    public static TheoryData<string> Gpus => new() { "a100", "h100", "a40", "h200", "b200" };

    private static CalibratedCostModel Model(string gpu) =>
        new(GpuCatalog.Resolve(gpu), CalibrationStore.TryEmbedded(gpu) ?? throw new InvalidOperationException($"{gpu} not embedded"));

    /// <summary>Per kind, latency along a token grid from 1 to 4x Vidur's 4096-token maximum.</summary>
    [Theory]
    [MemberData(nameof(Gpus))]
    public void Prefill_latency_is_monotone_in_tokens_up_to_4x_the_fitted_range(string gpu)
    {
        CalibratedCostModel model = Model(gpu);
        foreach (string name in new[] { "llama-3-8b", "llama-3-70b", "qwen3-30b-a3b" })
        {
            var graph = new OperatorGraph(ModelCatalog.Resolve(name), tensorParallel: 2);
            var previous = new Dictionary<OpKind, double>();
            for (int tokens = 1; tokens <= 4 * 4096; tokens += tokens < 256 ? 1 : 61)
            {
                var ops = new List<Operator>();
                graph.Build(new BatchShape().AddPrefill(tokens), LayerRange.All(1), includeEmbedding: true, includeHead: true, ops);
                foreach (Operator op in ops.DistinctBy(o => o.Kind))
                {
                    double t = model.Estimate(op).LatencyUs;
                    Assert.True(t > 0 && double.IsFinite(t), $"{gpu} {name} {op.Kind} at {tokens} tokens: {t} us");
                    if (previous.TryGetValue(op.Kind, out double before))
                    {
                        Assert.True(t >= before * (1 - 1e-12), $"{gpu} {name} {op.Kind}: {before} us at fewer tokens > {t} us at {tokens}");
                    }
                    previous[op.Kind] = t;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Gpus))]
    public void Decode_attention_is_monotone_in_batch_and_context_up_to_4x(string gpu)
    {
        CalibratedCostModel model = Model(gpu);
        var graph = new OperatorGraph(ModelCatalog.Resolve("llama-3-70b"), tensorParallel: 2);
        foreach (int context in new[] { 32, 1024, 4032, 4 * 4032 })
        {
            double before = 0;
            for (int batch = 1; batch <= 4 * 128; batch += 7)
            {
                double t = DecodeUs(model, graph, batch, context);
                Assert.True(t > 0 && t >= before, $"{gpu}: batch {batch} context {context}: {t} us after {before} us");
                before = t;
            }
        }
        foreach (int batch in new[] { 1, 64, 512 })
        {
            double before = 0;
            for (int context = 16; context <= 4 * 4096; context += 97)
            {
                double t = DecodeUs(model, graph, batch, context);
                Assert.True(t > 0 && t >= before, $"{gpu}: batch {batch} context {context}: {t} us after {before} us");
                before = t;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Gpus))]
    public void At_4x_the_fitted_range_latency_neither_collapses_nor_explodes(string gpu)
    {
        CalibratedCostModel model = Model(gpu);
        var graph = new OperatorGraph(ModelCatalog.Resolve("llama-3-8b"), tensorParallel: 1);
        var at1 = new List<Operator>();
        var at4 = new List<Operator>();
        graph.Build(new BatchShape().AddPrefill(4096), LayerRange.All(1), false, false, at1);
        graph.Build(new BatchShape().AddPrefill(4 * 4096), LayerRange.All(1), false, false, at4);
        for (int i = 0; i < at1.Count; i++)
        {
            double t1 = model.Estimate(at1[i]).LatencyUs, t4 = model.Estimate(at4[i]).LatencyUs;
            double work = Math.Max(at4[i].Flops / Math.Max(at1[i].Flops, 1), 1);
            // 4x the tokens: at least no faster, at most the work ratio (attention is quadratic: 16x) times 2.
            Assert.InRange(t4 / t1, 1.0, 2 * Math.Max(4, work));
        }
    }

    private static double DecodeUs(ICostModel model, OperatorGraph graph, int batch, int context)
    {
        var ops = new List<Operator>();
        graph.Build(new BatchShape().AddDecodes(batch, context), LayerRange.All(1), false, false, ops);
        return model.Estimate(ops.Single(o => o.Kind == OpKind.AttentionDecode)).LatencyUs;
    }
}

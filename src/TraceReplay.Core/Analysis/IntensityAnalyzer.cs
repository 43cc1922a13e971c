using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;
using TraceReplay.Core.Routing;

namespace TraceReplay.Core.Analysis;

/// <summary>
/// Per-operator FLOPs, bytes and intensity for a prefill batch (B prompts of L tokens) and a decode batch
/// (B requests with L tokens cached), over one representative layer of each kind plus the head.
/// </summary>
public static class IntensityAnalyzer
{
    public static IReadOnlyList<IntensityRow> Analyze(ModelSpec model, int batch, int context, int tp, IRoutingModel? routing = null)
    {
        var graph = new OperatorGraph(model, tp, routing);
        var rows = new List<IntensityRow>();
        var prefill = new BatchShape();
        for (int i = 0; i < batch; i++)
        {
            prefill.AddPrefill(context);
        }
        var decode = new BatchShape().AddDecodes(batch, context);
        foreach ((string phase, BatchShape shape) in new[] { ("prefill", prefill), ("decode", decode) })
        {
            foreach ((int layer, string kind) in RepresentativeLayers(model))
            {
                var ops = new List<Operator>();
                graph.Build(shape, new LayerRange(layer, layer + 1), includeEmbedding: false, includeHead: false, ops);
                rows.AddRange(ops.Select(op => Row(phase, kind, op)));
            }
            var head = new List<Operator>();
            graph.Build(shape, new LayerRange(0, 0), includeEmbedding: false, includeHead: true, head);
            rows.AddRange(head.Select(op => Row(phase, "head", op)));
        }
        return rows;
    }

    /// <summary>Tokens per MoE layer needed for the expert GEMMs to reach the ridge point: ridge x E / k.</summary>
    public static double MoeRidgeBatch(ModelSpec model, GpuSpec gpu) =>
        model.Moe is { } moe ? gpu.RidgePointFlopsPerByte * moe.NumExperts / moe.TopK : double.NaN;

    private static IntensityRow Row(string phase, string kind, Operator op) =>
        new(phase, op.Kind.ToSnakeName(), op.Class.ToName(), kind, op.Flops, op.Bytes.TotalBytes);

    /// <summary>First layer of each distinct (FFN kind, attention window) combination.</summary>
    private static IEnumerable<(int Layer, string Kind)> RepresentativeLayers(ModelSpec model)
    {
        var seen = new HashSet<string>();
        for (int layer = 0; layer < model.NumLayers; layer++)
        {
            string kind = (model.MoeLayers[layer] ? "moe" : "dense")
                + (model.SlidingWindowTokens[layer] > 0 ? $"+window{model.SlidingWindowTokens[layer]}" : "");
            if (seen.Add(kind))
            {
                yield return (layer, kind);
            }
        }
    }
}

using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Profiles;

/// <summary>
/// Rebuilds the operators a Vidur profile row measured, from its shape columns, with Core's
/// <see cref="OperatorGraph"/> formulas (a one-layer <see cref="ModelSpec"/> per shape), so fitted curves see exactly
/// the FLOPs and bytes the replay engine will hand them.
/// </summary>
public static class VidurShape
{
    public static ModelSpec Spec(int hidden, int qHeads, int kvHeads, int ffn, int vocab) => new()
    {
        Name = $"vidur-h{hidden}-q{qHeads}-kv{kvHeads}-f{ffn}",
        Family = "vidur-profile",
        NumLayers = 1,
        HiddenSize = hidden,
        VocabSize = Math.Max(vocab, 1),
        NumQHeads = qHeads,
        NumKvHeads = kvHeads,
        HeadDim = hidden / qHeads,
        DenseFfn = ffn,
        MoeLayers = [false],
        SlidingWindowTokens = [0],
    };

    /// <summary>The MLP-file operators of one token count: Vidur name -> operator.</summary>
    public static Dictionary<string, Operator> MlpOperators(ModelSpec spec, int tp, int tokens, bool gatedMlp)
    {
        // Non-gated MLPs (phi-2): up projection hidden -> ffn and an activation that reads one branch, not two.
        var graph = new OperatorGraph(gatedMlp ? spec : spec with { GatedMlp = false }, tp);
        var ops = new List<Operator>();
        graph.Build(new BatchShape().AddPrefill(tokens), LayerRange.All(1), includeEmbedding: true, includeHead: false, ops);
        var byKind = new Dictionary<OpKind, Operator>();
        foreach (Operator op in ops)
        {
            byKind.TryAdd(op.Kind, op);
        }
        Operator down = byKind[OpKind.MlpDown];
        Operator up = byKind[OpKind.MlpUpGate];
        Operator emb = byKind[OpKind.Embedding];
        return new Dictionary<string, Operator>
        {
            ["emb"] = emb,
            ["input_layernorm"] = byKind[OpKind.InputNorm],
            ["attn_pre_proj"] = byKind[OpKind.QkvProj],
            ["attn_rope"] = byKind[OpKind.Rope],
            ["attn_post_proj"] = byKind[OpKind.OutProj],
            ["post_attention_layernorm"] = byKind[OpKind.PostNorm],
            ["mlp_up_proj"] = up,
            ["mlp_act"] = byKind[OpKind.MlpAct],
            ["mlp_down_proj"] = down,
            // Residual add: the embedding's read+write of one hidden vector plus a second read; one FLOP per element.
            ["add"] = emb with { Flops = tokens * (double)spec.HiddenSize, Bytes = emb.Bytes.Scale(1.5) },
        };
    }

    /// <summary>Attention of one Vidur attention row: <paramref name="batch"/> sequences with <paramref name="kvCache"/> cached tokens each.</summary>
    public static Operator Attention(ModelSpec spec, int tp, bool prefill, int batch, int chunk, int kvCache)
    {
        var shape = new BatchShape();
        for (int i = 0; i < batch; i++)
        {
            if (prefill)
            {
                shape.AddPrefill(chunk, kvCache);
            }
            else
            {
                shape.AddDecode(kvCache);
            }
        }
        var ops = new List<Operator>();
        new OperatorGraph(spec, tp).Build(shape, LayerRange.All(1), includeEmbedding: false, includeHead: false, ops);
        OpKind kind = prefill ? OpKind.AttentionPrefill : OpKind.AttentionDecode;
        return ops.First(o => o.Kind == kind);
    }

    /// <summary>
    /// All-reduce of <paramref name="payloadBytes"/> per GPU over <paramref name="workers"/> GPUs, with the FLOPs and
    /// HBM bytes OperatorGraph gives its all-reduce operators (ring: each GPU reads and writes its buffer about twice).
    /// </summary>
    public static Operator AllReduce(double payloadBytes, int workers) => new()
    {
        Kind = OpKind.AttnAllReduce,
        Layer = 0,
        Flops = payloadBytes / 2 * (workers - 1),
        Bytes = new HbmTraffic(0, 0, 0, 0, 4 * payloadBytes),
        Tokens = 1,
        InFeatures = (long)(payloadBytes / 2),
        OutFeatures = (long)(payloadBytes / 2),
        CommBytes = payloadBytes,
        TpDegree = workers,
    };
}

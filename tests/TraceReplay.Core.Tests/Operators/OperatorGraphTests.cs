using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;
using TraceReplay.Core.Routing;

namespace TraceReplay.Core.Tests.Operators;

public sealed class OperatorGraphTests
{
    private static List<Operator> Layer(ModelSpec model, BatchShape batch, int layer = 0, int tp = 1, IRoutingModel? routing = null)
    {
        var ops = new List<Operator>();
        new OperatorGraph(model, tp, routing).Build(batch, new LayerRange(layer, layer + 1), false, false, ops);
        return ops;
    }

    private static Operator Op(List<Operator> ops, OpKind kind) => Assert.Single(ops, o => o.Kind == kind);

    [Fact]
    public void Llama_3_8B_decode_layer_matches_hand_computed_flops_and_bytes()
    {
        ModelSpec m = ModelCatalog.Resolve("llama-3-8b");
        List<Operator> ops = Layer(m, new BatchShape().AddDecodes(16, 1023));

        Operator qkv = Op(ops, OpKind.QkvProj);
        Assert.Equal(2.0 * 16 * 4096 * (4096 + 2 * 1024), qkv.Flops);
        Assert.Equal(4096.0 * 6144 * 2, qkv.Bytes.WeightBytes);
        Assert.Equal((16.0 * 4096 + 16.0 * 6144) * 2, qkv.Bytes.ActivationBytes);

        // Each request attends to 1024 keys: 4 FLOP per (head, dim, pair); K+V of 8 heads x 128 x 2 B per token.
        Operator attn = Op(ops, OpKind.AttentionDecode);
        Assert.Equal(16 * 1024 * 4.0 * 32 * 128, attn.Flops);
        Assert.Equal(16 * 1024 * 2.0 * 8 * 128 * 2, attn.Bytes.KvReadBytes);
        Assert.Equal(16 * 2.0 * 8 * 128 * 2, attn.Bytes.KvWriteBytes);

        Operator up = Op(ops, OpKind.MlpUpGate);
        Assert.Equal(2.0 * 16 * 4096 * 2 * 14336, up.Flops);
        Assert.Equal(4096.0 * 2 * 14336 * 2, up.Bytes.WeightBytes);
        Assert.DoesNotContain(ops, o => o.Class == OpClass.AllReduce);
    }

    [Fact]
    public void Tensor_parallel_splits_heads_and_ffn_and_adds_two_all_reduces_per_layer()
    {
        ModelSpec m = ModelCatalog.Resolve("llama-3-8b");
        List<Operator> tp1 = Layer(m, new BatchShape().AddPrefill(512));
        List<Operator> tp2 = Layer(m, new BatchShape().AddPrefill(512), tp: 2);
        Assert.Equal(Op(tp1, OpKind.MlpDown).Flops / 2, Op(tp2, OpKind.MlpDown).Flops);
        Assert.Equal(Op(tp1, OpKind.AttentionPrefill).Flops / 2, Op(tp2, OpKind.AttentionPrefill).Flops);
        Assert.Equal(2, tp2.Count(o => o.Class == OpClass.AllReduce));
        Assert.Equal(512.0 * 4096 * 2, tp2.First(o => o.Kind == OpKind.AttnAllReduce).CommBytes);
    }

    [Fact]
    public void Prefill_attention_is_causal_and_chunks_reread_the_cached_prefix()
    {
        ModelSpec m = ModelCatalog.Resolve("llama-3-8b");
        Operator whole = Op(Layer(m, new BatchShape().AddPrefill(1024)), OpKind.AttentionPrefill);
        Operator first = Op(Layer(m, new BatchShape().AddPrefill(512, 0, false)), OpKind.AttentionPrefill);
        Operator second = Op(Layer(m, new BatchShape().AddPrefill(512, 512)), OpKind.AttentionPrefill);
        Assert.Equal(1024 * 1025 / 2.0, whole.AttendedPairs);
        Assert.Equal(whole.Flops, first.Flops + second.Flops);
        Assert.Equal(0, first.Bytes.KvReadBytes);
        Assert.Equal(512 * 2.0 * 8 * 128 * 2, second.Bytes.KvReadBytes);
    }

    [Fact]
    public void Qwen3_30B_A3B_moe_layer_streams_the_distinct_experts_hit()
    {
        ModelSpec m = ModelCatalog.Resolve("qwen3-30b-a3b");
        List<Operator> ops = Layer(m, new BatchShape().AddDecodes(16, 100), tp: 2);
        Operator experts = Op(ops, OpKind.MoeExperts);
        double distinct = 128 * (1 - Math.Pow(1 - 8.0 / 128, 16));
        Assert.Equal(distinct, experts.ExpertsHit, 9);
        Assert.Equal(distinct * 3 * 2048 * 768 / 2.0 * 2, experts.Bytes.ExpertWeightBytes, 3);
        Assert.Equal(2.0 * 16 * 8 * 3 * 2048 * 384, experts.Flops, 0.001 * experts.Flops);
        Operator router = Op(ops, OpKind.MoeRouter);
        Assert.Equal(2048.0 * 128 * 2, router.Bytes.WeightBytes); // replicated, not split
        Assert.Equal(OpClass.MoeGemm, experts.Class);
        // 4 KV heads over TP 2: 2 per GPU.
        Assert.Equal((16 + 2 * 2) * 128, Op(ops, OpKind.QkvProj).OutFeatures);
    }

    [Fact]
    public void DeepSeek_V3_prefill_is_unabsorbed_and_decode_is_absorbed_over_the_latent()
    {
        ModelSpec m = ModelCatalog.Resolve("deepseek-v3");
        List<Operator> prefill = Layer(m, new BatchShape().AddPrefill(1000, 24), layer: 3);
        Operator up = Op(prefill, OpKind.MlaKvUp);
        Assert.Equal(1024, up.Tokens); // new + cached tokens decompressed
        Assert.Equal(128L * (128 + 128), up.OutFeatures);
        Assert.DoesNotContain(prefill, o => o.Kind == OpKind.MlaQAbsorb);

        List<Operator> decode = Layer(m, new BatchShape().AddDecodes(8, 4095), layer: 3);
        Operator attn = Op(decode, OpKind.AttentionDecode);
        Assert.Equal(8 * 4096 * 576 * 2.0, attn.Bytes.KvReadBytes);
        Assert.Equal(8 * 4096 * 2.0 * 128 * (576 + 512), attn.Flops);
        Assert.Equal(2.0 * 8 * 128 * 128 * 512, Op(decode, OpKind.MlaQAbsorb).Flops);
        Assert.DoesNotContain(decode, o => o.Kind == OpKind.MlaKvUp);
        Assert.Contains(decode, o => o.Kind == OpKind.SharedExperts);
        Assert.DoesNotContain(Layer(m, new BatchShape().AddDecodes(8, 10), layer: 0), o => o.Kind == OpKind.MoeExperts);
    }

    [Fact]
    public void Sliding_window_caps_the_keys_attended()
    {
        ModelSpec m = ModelCatalog.Resolve("gpt-oss-20b");
        Operator windowed = Op(Layer(m, new BatchShape().AddDecode(5000), layer: 0), OpKind.AttentionDecode);
        Operator full = Op(Layer(m, new BatchShape().AddDecode(5000), layer: 1), OpKind.AttentionDecode);
        Assert.Equal(128, windowed.AttendedPairs);
        Assert.Equal(5001, full.AttendedPairs);
    }

    [Fact]
    public void Head_samples_one_position_per_decode_and_per_finished_prompt()
    {
        ModelSpec m = ModelCatalog.Resolve("llama-3-8b");
        var batch = new BatchShape().AddPrefill(300, 0, emitsToken: false).AddPrefill(200).AddDecodes(5, 10);
        List<Operator> ops = new OperatorGraph(m).BuildIteration(batch);
        Assert.Equal(6, Op(ops, OpKind.LmHead).Tokens);
        Assert.Equal(505, Op(ops, OpKind.Embedding).Tokens);
        Assert.Equal(32, ops.Count(o => o.Kind == OpKind.QkvProj));
    }

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(0, 10, 4)]
    [InlineData(7, 10, 4)]
    [InlineData(3, 1, 5)]
    [InlineData(100, 37, 64)]
    [InlineData(50, 20, 60)]
    public void Causal_pairs_match_brute_force(long offset, long tokens, int window)
    {
        double expected = 0;
        for (long q = offset; q < offset + tokens; q++)
        {
            expected += window > 0 ? Math.Min(q + 1, window) : q + 1;
        }
        Assert.Equal(expected, AttentionMath.CausalPairs(offset, tokens, window));
    }
}

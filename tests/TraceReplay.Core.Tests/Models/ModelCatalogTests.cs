using TraceReplay.Core.Models;

namespace TraceReplay.Core.Tests.Models;

public sealed class ModelCatalogTests
{
    // Published totals: model cards / papers (DeepSeek-V3's 671B excludes its MTP module).
    [Theory]
    [InlineData("Llama-2-7B", 6.74e9)]
    [InlineData("Llama-3-8B", 8.03e9)]
    [InlineData("Llama-3-70B", 70.6e9)]
    [InlineData("Mixtral-8x7B", 46.7e9)]
    [InlineData("Qwen3-30B-A3B", 30.5e9)]
    [InlineData("GPT-OSS-20B", 20.9e9)]
    [InlineData("Qwen3-235B-A22B", 235e9)]
    [InlineData("DeepSeek-V3", 671e9)]
    [InlineData("Qwen3-8B", 8.2e9)]
    [InlineData("CodeLlama-34B", 33.7e9)]
    [InlineData("GPT-3-175B", 175e9)]
    [InlineData("GPT-OSS-120B", 116.83e9)]
    [InlineData("Llama-3.1-8B", 8.03e9)]
    [InlineData("Llama-3.1-70B", 70.6e9)]
    [InlineData("nvidia/Llama-3.1-8B-Instruct-FP8", 8.03e9)]
    [InlineData("MiniMaxAI/MiniMax-M2.5", 230e9)]
    [InlineData("Qwen/Qwen3-235B-A22B-FP8", 235e9)]
    [InlineData("Qwen3-32B", 32.8e9)]
    [InlineData("Qwen3-14B", 14.8e9)]
    public void Parameter_count_matches_the_published_total_within_one_percent(string name, double published)
    {
        ModelSpec m = ModelCatalog.Resolve(name);
        double error = Math.Abs(m.Parameters.Total - published) / published;
        Assert.True(error < 0.01, $"{name}: counted {m.Parameters.Total:E4}, published {published:E4}, error {error:P2}");
    }

    [Fact]
    public void Kimi_K2_5_is_read_through_its_text_config_as_mla_with_384_experts()
    {
        ModelSpec m = ModelCatalog.Resolve("moonshotai/Kimi-K2.5");
        Assert.Equal(AttentionKind.Mla, m.Attention);
        Assert.Equal(384, m.Moe!.NumExperts);
        Assert.Equal(60, m.NumMoeLayers); // first layer dense
        Assert.Equal(61 * 576 * 2, m.KvBytesPerToken);
        // Moonshot publishes "1T" total (rounded); the text model counts 1.026T (vision tower not modelled).
        Assert.InRange(m.Parameters.Total, 1.02e12, 1.03e12);
    }

    [Fact]
    public void MiniMax_M2_5_has_qk_norm_and_256_experts_on_every_layer()
    {
        ModelSpec m = ModelCatalog.Resolve("MiniMaxAI/MiniMax-M2.5");
        Assert.True(m.QkNorm);
        Assert.Equal(62, m.NumMoeLayers);
        Assert.Equal((256, 8, 1536), (m.Moe!.NumExperts, m.Moe.TopK, m.Moe.ExpertFfn));
    }

    [Fact]
    public void Llama_3_8B_counts_match_hand_computation()
    {
        ModelSpec m = ModelCatalog.Resolve("llama-3-8b");
        // q,o: 4096x4096 each; k,v: 4096x1024 each; MLP: 3 x 4096 x 14336; norms 2x4096 per layer + final.
        long perLayer = 2L * 4096 * 4096 + 2L * 4096 * 1024 + 3L * 4096 * 14336 + 2 * 4096;
        long expected = 32 * perLayer + 2L * 128256 * 4096 + 4096;
        Assert.Equal(expected, m.Parameters.Total);
        Assert.Equal(2.0 * 32 * 8 * 128 * 2, m.KvBytesPerToken);
    }

    [Fact]
    public void Qwen3_30B_A3B_expert_is_9_44_MB_in_bf16()
    {
        ModelSpec m = ModelCatalog.Resolve("Qwen/Qwen3-30B-A3B");
        Assert.Equal(3.0 * 2048 * 768 * 2, m.ExpertWeightBytes);
        Assert.Equal(48, m.NumMoeLayers);
        Assert.Equal(2.0 * 48 * 4 * 128 * 2, m.KvBytesPerToken);
    }

    [Fact]
    public void DeepSeek_V3_has_three_dense_layers_and_a_68_6_KiB_latent_cache()
    {
        ModelSpec m = ModelCatalog.Resolve("deepseek-v3");
        Assert.Equal([false, false, false, true], m.MoeLayers.Take(4));
        Assert.Equal(58, m.NumMoeLayers);
        Assert.Equal(61 * 576 * 2, m.KvBytesPerToken);
        Assert.Equal(68.6, m.KvBytesPerToken / 1024, 1);
    }

    [Fact]
    public void Gpt_oss_alternates_sliding_and_full_attention_and_stores_experts_in_mxfp4()
    {
        ModelSpec m = ModelCatalog.Resolve("openai/gpt-oss-20b");
        Assert.Equal(36, ModelCatalog.Resolve("openai/gpt-oss-120b").SlidingWindowTokens.Count);
        Assert.Equal(128, m.SlidingWindowTokens[0]);
        Assert.Equal(0, m.SlidingWindowTokens[1]);
        Assert.Equal(4.25 / 8, m.ExpertWeightBytesPerParam);
        Assert.True(m.WeightBytes < 14e9 && m.WeightBytes > 12e9, $"weights {m.WeightBytes:E3} B (published checkpoint ~13 GB)");
    }

    [Theory]
    [InlineData("qwen3-30b-a3b")]
    [InlineData("Qwen3-30B-A3B")]
    [InlineData("Qwen/Qwen3-30B-A3B")]
    [InlineData("  QWEN3_30B_A3B ")]
    public void Names_match_case_and_punctuation_insensitively(string name) =>
        Assert.Equal("Qwen3-30B-A3B", ModelCatalog.Resolve(name).Name);

    [Fact]
    public void Unknown_name_lists_the_known_models()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => ModelCatalog.Resolve("gpt-5"));
        Assert.Contains("Llama-3-8B", ex.Message);
    }
}

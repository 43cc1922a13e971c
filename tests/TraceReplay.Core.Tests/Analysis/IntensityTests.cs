using TraceReplay.Core.Analysis;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;

namespace TraceReplay.Core.Tests.Analysis;

/// <summary>The attention and MoE intensity figures of BACKGROUND.md sections 4-5 (arXiv 2507.15465).</summary>
public sealed class IntensityTests
{
    [Fact]
    public void Mha_decode_attention_is_about_one_flop_per_byte()
    {
        ModelSpec m = ModelCatalog.Resolve("llama-2-7b");
        Assert.Equal(1.0, AttentionCoreIntensity.DecodeScore(m, 8192), 0.02);
        Assert.Equal(1.0, AttentionCoreIntensity.DecodeFused(m), 9);
        IntensityRow row = IntensityAnalyzer.Analyze(m, 8, 4096, 1).Single(r => r.Phase == "decode" && r.Operator == "attention_decode");
        Assert.Equal(1.0, row.FlopsPerByte, 0.01);
    }

    [Fact]
    public void Gqa_decode_attention_is_about_the_group_size()
    {
        ModelSpec m = ModelCatalog.Resolve("llama-3-70b"); // 64 query heads / 8 KV heads
        Assert.Equal(8.0, AttentionCoreIntensity.DecodeScore(m, 8192), 0.6);
        IntensityRow row = IntensityAnalyzer.Analyze(m, 8, 4096, 1).Single(r => r.Phase == "decode" && r.Operator == "attention_decode");
        Assert.Equal(8.0, row.FlopsPerByte, 0.1);
    }

    [Fact]
    public void DeepSeek_R1_absorbed_mla_decode_score_is_about_102()
    {
        ModelSpec m = ModelCatalog.Resolve("deepseek-r1");
        double score = AttentionCoreIntensity.DecodeScore(m, 32768);
        Assert.InRange(score, 100, 104); // n_h d_c / (n_h + d_c) = 128 x 512 / 640 = 102.4 at long context
        Assert.InRange(AttentionCoreIntensity.DecodeFused(m), 190, 250); // "about double" with latent reuse
        Assert.Equal(68.6, m.KvBytesPerToken / 1024, 1);
    }

    [Fact]
    public void Moe_ridge_batch_is_ridge_times_experts_over_top_k()
    {
        ModelSpec m = ModelCatalog.Resolve("qwen3-30b-a3b");
        GpuSpec h100 = GpuCatalog.Resolve("h100");
        Assert.Equal(989e12 / 3.35e12 * 128 / 8, IntensityAnalyzer.MoeRidgeBatch(m, h100), 6);
        Assert.True(double.IsNaN(IntensityAnalyzer.MoeRidgeBatch(ModelCatalog.Resolve("llama-3-8b"), h100)));
    }

    [Fact]
    public void Expert_gemm_intensity_grows_with_tokens_per_expert()
    {
        ModelSpec m = ModelCatalog.Resolve("qwen3-30b-a3b");
        double small = IntensityAnalyzer.Analyze(m, 16, 1024, 1).Single(r => r.Phase == "decode" && r.Operator == "moe_experts").FlopsPerByte;
        double large = IntensityAnalyzer.Analyze(m, 256, 1024, 1).Single(r => r.Phase == "decode" && r.Operator == "moe_experts").FlopsPerByte;
        Assert.True(large > 4 * small, $"16 tokens: {small:F1}, 256 tokens: {large:F1} FLOP/B");
    }
}

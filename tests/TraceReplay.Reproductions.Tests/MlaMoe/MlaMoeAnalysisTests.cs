using TraceReplay.Core.Hardware;
using TraceReplay.Reproductions.MlaMoe;

namespace TraceReplay.Reproductions.Tests.MlaMoe;

/// <summary>The claims of arXiv 2507.15465 (BACKGROUND.md sections 4-5), recomputed.</summary>
public sealed class MlaMoeAnalysisTests
{
    private static readonly IReadOnlyList<AttentionIntensityRow> s_attention = MlaMoeAnalysis.AttentionIntensity();

    private static AttentionIntensityRow Decode(string model, string attention, int context) =>
        s_attention.Single(r => r.Model == model && r.Attention == attention && r.Phase == "decode" && r.Batch == 1 && r.ContextTokens == context);

    [Fact]
    public void Absorbed_mla_decode_approaches_102_and_fused_is_about_double()
    {
        AttentionIntensityRow r = Decode("DeepSeek-R1", "MLA (absorbed)", 65536);
        Assert.InRange(r.ScoreFlopsPerByte, 100, 104);
        Assert.InRange(r.FusedFlopsPerByte / r.ScoreFlopsPerByte, 1.8, 2.5);
    }

    [Fact]
    public void Mha_is_one_and_gqa_is_the_group_size_at_every_batch()
    {
        foreach (AttentionIntensityRow r in s_attention.Where(r => r.Phase == "decode" && r.ContextTokens == 16384))
        {
            if (r.Attention == "MHA")
            {
                Assert.Equal(1.0, r.FusedFlopsPerByte, 0.01);
            }
            else if (r.Attention == "GQA")
            {
                Assert.Equal(8.0, r.FusedFlopsPerByte, 0.05);
            }
        }
    }

    [Fact]
    public void Prefill_intensity_grows_with_context()
    {
        double[] llama = [.. s_attention.Where(r => r.Model == "Llama-3-70B" && r.Phase == "prefill" && r.Batch == 1).Select(r => r.FusedFlopsPerByte)];
        Assert.True(llama.Zip(llama.Skip(1)).All(p => p.Second > 3 * p.First));
    }

    [Fact]
    public void Moe_ridge_formula_uses_each_gpu_ridge()
    {
        MoeRidgeRow r = MlaMoeAnalysis.MoeRidge().Single(x => x.Model == "DeepSeek-R1" && x.Gpu == "a100");
        Assert.Equal(312e12 / 2.039e12 * 256 / 8, r.FormulaBatchTokens, 6);
        Assert.True(r.GraphBatchTokens > 0);
    }

    [Fact]
    public void At_the_capacity_limit_tpot_is_at_least_one_full_read_of_hbm()
    {
        foreach (CapacityBoundRow r in MlaMoeAnalysis.CapacityBound())
        {
            GpuSpec g = GpuCatalog.Resolve(r.Gpu);
            Assert.Equal(g.HbmCapacityBytes / g.HbmBytesPerS * 1e3, r.TpotMemoryMs, 0.01 * r.TpotMemoryMs);
            Assert.True(r.TpotLowerBoundMs >= r.TpotMemoryMs);
            Assert.True(r.MaxBatch * (double)r.ContextTokens * r.KvBytesPerToken <= r.Accelerators * g.HbmCapacityBytes - r.WeightBytes);
        }
    }

    [Fact]
    public void Report_writes_markdown_json_and_non_empty_figures()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        IReadOnlyList<string> files = MlaMoeReport.Write(dir);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 1000, f));
        byte[] png = File.ReadAllBytes(files.First(f => f.EndsWith(".png", StringComparison.Ordinal)));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.Contains("MLA (absorbed)", File.ReadAllText(files[0]));
    }
}

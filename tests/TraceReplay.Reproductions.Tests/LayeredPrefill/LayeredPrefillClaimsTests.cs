using TraceReplay.Reproductions.LayeredPrefill;

namespace TraceReplay.Reproductions.Tests.LayeredPrefill;

/// <summary>
/// The direction of every claim of arXiv 2510.08055 (BACKGROUND.md §3-4, §8) on the --quick grid, at the paper's rates.
/// These are the engine's and cost model's verdicts, not fixed numbers: a model change that flips a direction fails here.
/// </summary>
public sealed class LayeredPrefillClaimsTests(QuickRunFixture run) : IClassFixture<QuickRunFixture>
{
    /// <summary>"No material gain" on the dense control: layered may be at most this much better (percent).</summary>
    private const double DenseLatencyTolerancePct = 5.0;
    private const double DenseTrafficAndEnergyTolerancePct = 2.0;

    private IEnumerable<Comparison> MoeAtPaperRates => run.Result.Comparisons.Where(c => c.IsMoe && c.AtPaperRate);

    [Fact]
    public void Grid_covers_both_moe_models_both_datasets_and_the_dense_control()
    {
        Assert.Contains(run.Result.Comparisons, c => c.Model == "Qwen3-30B-A3B" && c.Dataset == Datasets.ShareGpt && c.AtPaperRate);
        Assert.Contains(run.Result.Comparisons, c => c.Model == "Qwen3-30B-A3B" && c.Dataset == Datasets.Arxiv && c.AtPaperRate);
        Assert.Contains(run.Result.Comparisons, c => c.Model == "GPT-OSS-20B" && c.AtPaperRate);
        Assert.Contains(run.Result.Comparisons, c => !c.IsMoe && c.AtPaperRate);
        Assert.All(run.Result.Runs, r => Assert.Equal(r.Summary.Requests, r.Summary.Completed));
    }

    [Fact]
    public void Chunked_prefill_streams_more_expert_weights_than_layered_on_every_moe_run()
    {
        Assert.All(run.Result.Comparisons.Where(c => c.IsMoe), c =>
            Assert.True(c.ExpertTrafficExcessPct > 0, $"{c.Model} {c.Dataset} {c.RatePerS}: chunked extra expert traffic {c.ExpertTrafficExcessPct:F1}%"));
    }

    [Fact]
    public void Long_arxiv_prompts_cost_chunked_prefill_more_extra_expert_traffic_than_sharegpt()
    {
        foreach (string model in new[] { "Qwen3-30B-A3B", "GPT-OSS-20B" })
        {
            double arxiv = MoeAtPaperRates.Where(c => c.Model == model && c.Dataset == Datasets.Arxiv).Min(c => c.ExpertTrafficExcessPct);
            double sharegpt = MoeAtPaperRates.Where(c => c.Model == model && c.Dataset == Datasets.ShareGpt).Max(c => c.ExpertTrafficExcessPct);
            Assert.True(arxiv > sharegpt, $"{model}: arXiv {arxiv:F1}% vs ShareGPT {sharegpt:F1}%");
        }
    }

    /// <summary>The TTFT claim is checked on the mean (the p99 is reported beside it).</summary>
    [Fact]
    public void Layered_prefill_lowers_mean_ttft_on_the_moe_models_at_the_paper_rates()
    {
        Assert.All(MoeAtPaperRates, c =>
            Assert.True(c.TtftMeanReductionPct > 0, $"{c.Model} {c.Dataset} {c.RatePerS}: TTFT mean lower by {c.TtftMeanReductionPct:F1}%"));
    }

    [Fact]
    public void Layered_prefill_lowers_e2e_and_energy_per_token_on_the_moe_models_at_the_paper_rates()
    {
        Assert.All(MoeAtPaperRates, c =>
        {
            Assert.True(c.E2eMeanReductionPct > 0, $"{c.Model} {c.Dataset}: E2E {c.E2eMeanReductionPct:F1}%");
            Assert.True(c.EnergyPerTokenReductionPct > 0, $"{c.Model} {c.Dataset}: energy/token {c.EnergyPerTokenReductionPct:F1}%");
        });
    }

    [Fact]
    public void Dense_control_saves_no_traffic_and_no_energy_at_the_paper_rates()
    {
        Comparison[] dense = [.. run.Result.Comparisons.Where(c => !c.IsMoe && c.AtPaperRate)];
        Assert.Equal(2, dense.Length);
        Assert.All(dense, c =>
        {
            Assert.Equal(0, run.Result.Runs.Where(r => r.Spec.Model == c.Model).Sum(r => r.Summary.HbmBytesExpertWeights));
            Assert.True(Math.Abs(c.TotalTrafficExcessPct) <= DenseTrafficAndEnergyTolerancePct, $"{c.Dataset}: total traffic {c.TotalTrafficExcessPct:F1}%");
            Assert.True(c.EnergyPerTokenReductionPct <= DenseTrafficAndEnergyTolerancePct, $"{c.Dataset}: energy/token {c.EnergyPerTokenReductionPct:F1}%");
        });
    }

    [Fact]
    public void Dense_control_gains_no_latency_on_sharegpt_at_the_paper_rates()
    {
        Comparison c = run.Result.Comparisons.Single(c => !c.IsMoe && c.AtPaperRate && c.Dataset == Datasets.ShareGpt);
        Assert.True(c.TtftMeanReductionPct <= DenseLatencyTolerancePct, $"TTFT mean {c.TtftMeanReductionPct:F1}%");
        Assert.True(c.E2eMeanReductionPct <= DenseLatencyTolerancePct, $"E2E mean {c.E2eMeanReductionPct:F1}%");
    }

    /// <summary>
    /// Where TraceReplay DISAGREES with the paper (docs/reproductions/layered-prefill.md): on long arXiv prompts the
    /// dense control's TTFT also drops with layered prefill, because a 512-token chunk pays every layer's per-kernel
    /// overhead and small-GEMM inefficiency once per chunk (see the dense single-prompt row). Pinned so that a cost
    /// model change that removes the divergence is noticed and the write-up updated.
    /// </summary>
    [Fact]
    public void Dense_control_on_long_arxiv_prompts_does_lower_ttft_unlike_the_paper()
    {
        Comparison c = run.Result.Comparisons.Single(c => !c.IsMoe && c.AtPaperRate && c.Dataset == Datasets.Arxiv);
        Assert.True(c.TtftMeanReductionPct > DenseLatencyTolerancePct, $"TTFT mean {c.TtftMeanReductionPct:F1}%");
        SinglePromptRow[] dense = [.. run.Result.SinglePrompt.Where(r => r.Model == c.Model)];
        Assert.True(dense.Single(r => r.Config == "chunk 512").PrefillTimeMs > 1.3 * dense.Single(r => r.Config == "layered").PrefillTimeMs);
    }

    [Fact]
    public void Moe_gains_exceed_the_dense_control_gains()
    {
        Comparison dense = run.Result.Comparisons.First(c => !c.IsMoe && c.AtPaperRate && c.Dataset == Datasets.ShareGpt);
        Comparison qwen = MoeAtPaperRates.First(c => c.Model == "Qwen3-30B-A3B" && c.Dataset == dense.Dataset && c.RatePerS == dense.RatePerS);
        Assert.True(qwen.TtftMeanReductionPct > dense.TtftMeanReductionPct);
        Assert.True(qwen.EnergyPerTokenReductionPct > dense.EnergyPerTokenReductionPct);
        Assert.True(qwen.TotalTrafficExcessPct > dense.TotalTrafficExcessPct);
    }
}

using TraceReplay.Reproductions.LayeredPrefill;

namespace TraceReplay.Reproductions.Tests.LayeredPrefill;

/// <summary>
/// The direction of every claim of arXiv 2510.08055 (BACKGROUND.md §3-4, §8) on the --quick grid, at the paper's rates,
/// with the calibrated cost as profiled (the default; <see cref="LayeredPrefillSensitivityTests"/> has the ideal causal
/// kernel). These are the engine's and cost model's verdicts, not fixed numbers: a model change that flips a direction
/// fails here, and docs/reproductions/layered-prefill.md must be updated with it.
/// </summary>
public sealed class LayeredPrefillClaimsTests(QuickRunFixture run) : IClassFixture<QuickRunFixture>
{
    /// <summary>"No material gain" on the dense control: layered may be at most this much better (percent).</summary>
    private const double DenseLatencyTolerancePct = 5.0;
    private const double DenseTrafficAndEnergyTolerancePct = 2.0;
    private const double DenseKvRereadTolerancePct = 5.0;

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
    public void Layered_prefill_lowers_mean_ttft_on_long_arxiv_prompts_at_the_paper_rates()
    {
        Assert.All(MoeAtPaperRates.Where(c => c.Dataset == Datasets.Arxiv), c =>
            Assert.True(c.TtftMeanReductionPct > 0, $"{c.Model} {c.Dataset} {c.RatePerS}: TTFT mean lower by {c.TtftMeanReductionPct:F1}%"));
    }

    /// <summary>
    /// Where TraceReplay DISAGREES with the paper: on short ShareGPT prompts the profiled prefill attention cost of a
    /// whole prompt in one pass (the masked pairs paid) eats the saved expert loads, and mean TTFT barely moves.
    /// With an ideal causal kernel it drops (<see cref="LayeredPrefillSensitivityTests"/>).
    /// </summary>
    [Fact]
    public void On_sharegpt_the_mean_ttft_gain_is_not_material_with_the_profiled_attention_cost()
    {
        Assert.All(MoeAtPaperRates.Where(c => c.Dataset == Datasets.ShareGpt), c =>
            Assert.True(Math.Abs(c.TtftMeanReductionPct) < 10, $"{c.Model} {c.RatePerS}: TTFT mean lower by {c.TtftMeanReductionPct:F1}%"));
    }

    /// <summary>
    /// E2E drops on Qwen3-30B-A3B and on GPT-OSS-20B's long arXiv prompts; on GPT-OSS-20B's short ShareGPT prompts
    /// (MXFP4 experts: cheap to re-stream) it stays flat.
    /// </summary>
    [Fact]
    public void Layered_prefill_lowers_energy_per_token_on_the_moe_models_and_e2e_except_gpt_oss_sharegpt_at_the_paper_rates()
    {
        Assert.All(MoeAtPaperRates, c =>
        {
            bool flat = c.Model == "GPT-OSS-20B" && c.Dataset == Datasets.ShareGpt;
            Assert.True(flat ? Math.Abs(c.E2eMeanReductionPct) < 5 : c.E2eMeanReductionPct > 0, $"{c.Model} {c.Dataset}: E2E {c.E2eMeanReductionPct:F1}%");
            Assert.True(c.EnergyPerTokenReductionPct > 0, $"{c.Model} {c.Dataset}: energy/token {c.EnergyPerTokenReductionPct:F1}%");
        });
    }

    /// <summary>
    /// The dense control streams no expert weights; what traffic chunked prefill adds is the cached KV it re-reads
    /// for every later chunk of a long prompt, a few percent at most.
    /// </summary>
    [Fact]
    public void Dense_control_saves_no_traffic_and_no_energy_at_the_paper_rates()
    {
        Comparison[] dense = [.. run.Result.Comparisons.Where(c => !c.IsMoe && c.AtPaperRate)];
        Assert.Equal(2, dense.Length);
        Assert.All(dense, c =>
        {
            Assert.Equal(0, run.Result.Runs.Where(r => r.Spec.Model == c.Model).Sum(r => r.Summary.HbmBytesExpertWeights));
            Assert.True(Math.Abs(c.TotalTrafficExcessPct) <= DenseKvRereadTolerancePct, $"{c.Dataset}: total traffic {c.TotalTrafficExcessPct:F1}%");
            Assert.True(c.EnergyPerTokenReductionPct <= DenseTrafficAndEnergyTolerancePct, $"{c.Dataset}: energy/token {c.EnergyPerTokenReductionPct:F1}%");
        });
    }

    /// <summary>
    /// The dense control gains no latency on ShareGPT, as the paper finds, but on long arXiv prompts it gains TTFT, which
    /// the paper does not see: with the measured vLLM kernels one 8192-token pass runs its GEMMs and attention more
    /// efficiently than 512-token chunks (docs/reproductions/layered-prefill.md). E2E stays within the tolerance.
    /// </summary>
    [Fact]
    public void Dense_control_gains_no_latency_on_sharegpt_but_gains_ttft_on_long_arxiv_prompts_unlike_the_paper()
    {
        Comparison[] dense = [.. run.Result.Comparisons.Where(c => !c.IsMoe && c.AtPaperRate)];
        Comparison sharegpt = dense.Single(c => c.Dataset == Datasets.ShareGpt), arxiv = dense.Single(c => c.Dataset == Datasets.Arxiv);
        Assert.True(sharegpt.TtftMeanReductionPct <= DenseLatencyTolerancePct, $"sharegpt: TTFT mean {sharegpt.TtftMeanReductionPct:F1}%");
        Assert.True(arxiv.TtftMeanReductionPct > DenseLatencyTolerancePct, $"arxiv: TTFT mean {arxiv.TtftMeanReductionPct:F1}%");
        Assert.All(dense, c => Assert.True(c.E2eMeanReductionPct <= DenseLatencyTolerancePct, $"{c.Dataset}: E2E mean {c.E2eMeanReductionPct:F1}%"));
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

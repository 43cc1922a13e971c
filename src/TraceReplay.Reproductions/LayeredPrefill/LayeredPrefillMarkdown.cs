using System.Globalization;
using System.Text;
using TraceReplay.Reports.Text;
using TraceReplay.Reproductions.Output;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>The reproduction's tables as markdown (no wall-clock values: same seed, same bytes).</summary>
public static class LayeredPrefillMarkdown
{
    private static string Inv(FormattableString s) => FormattableString.Invariant(s);

    private static string RateSet(bool atPaperRate) => atPaperRate ? "paper" : "extended";

    public static string Write(LayeredPrefillResult r)
    {
        var sb = new StringBuilder();
        LayeredPrefillConfig c = r.Config;
        sb.AppendLine(Inv($"Configuration `{c.Name}`: {c.ShareGptRequests} ShareGPT / {c.ArxivRequests} arXiv requests per run, seed {c.Seed}; ") +
            Inv($"{LayeredPrefillConfig.TensorParallel}x {LayeredPrefillConfig.Gpu} (TP {LayeredPrefillConfig.TensorParallel}), BF16, max {LayeredPrefillConfig.MaxSequences} sequences, ") +
            Inv($"KV block {LayeredPrefillConfig.BlockTokens}, GPU memory utilization {LayeredPrefillConfig.GpuMemoryUtilization}; chunked prefill budget {LayeredPrefillConfig.ChunkTokens} tokens ") +
            Inv($"(decodes included), layered cohort {LayeredPrefillConfig.CohortTokens} tokens.")).AppendLine();
        sb.AppendLine(Inv($"Cost model: {r.CostModelProvenance}. GEMMs, attention, the fused MoE layer and all-reduce use the curves fitted on vLLM's measured kernels where the calibration has them (docs/calibration.md). ") +
            "Energy is an **estimate** from documented coefficients (static power, pJ per HBM byte, pJ per FLOP), not an NVML measurement.").AppendLine();
        AppendSkew(sb, r.Skew);
        AppendWorkloads(sb, r.Workloads);
        AppendRuns(sb, r.Runs);
        AppendComparisons(sb, r.Comparisons);
        AppendClaims(sb, r.Claims);
        AppendSinglePrompt(sb, r.SinglePrompt, c.SinglePromptTokens);
        PaperFigures.AppendTable6(sb, r.Runs);
        return sb.ToString();
    }

    private static void AppendSkew(StringBuilder sb, SkewCalibration s)
    {
        sb.AppendLine("### Routing skew (used in every MoE run)").AppendLine();
        sb.AppendLine(Inv($"Fitted for {SkewCalibration.FittedModel} (128 experts, top-8): `{s.QwenSpec}`, RMS error {Fmt.Fixed(s.QwenFit.RmsErrorPoints, 2)} coverage points. ") +
            Inv($"GPT-OSS-20B (32 experts, top-4) has no published coverage: we **assume** the same skew shape (the same fraction of experts hot, the same hot share): `{s.GptOssSpec}`.")).AppendLine();
        var t = new MarkdownTable("decode batch (tokens)", "Qwen3 measured (%)", "Qwen3 fitted (%)", "Qwen3 uniform (%)", "GPT-OSS assumed (%)", "GPT-OSS uniform (%)");
        for (int i = 0; i < s.QwenFit.Points.Count; i++)
        {
            (int tokens, double measured, double fitted) = s.QwenFit.Points[i];
            double uniform = (1 - Math.Pow(1 - 8.0 / 128, tokens)) * 100;
            t.Add(tokens.ToString(CultureInfo.InvariantCulture), Fmt.Fixed(measured * 100, 1), Fmt.Fixed(fitted * 100, 1), Fmt.Fixed(uniform, 1),
                Fmt.Fixed(s.GptOssCoverage[i].Fitted * 100, 1), Fmt.Fixed(s.GptOssCoverage[i].Uniform * 100, 1));
        }
        sb.Append(t).AppendLine();
    }

    private static void AppendWorkloads(StringBuilder sb, IReadOnlyList<Workload> workloads)
    {
        sb.AppendLine("### Workloads").AppendLine();
        var t = new MarkdownTable("dataset", "requests", "prompt mean", "prompt median", "prompt p90", "prompt max", "prompts > 8192 (%)", "output mean", "source");
        foreach (Workload w in workloads)
        {
            t.Add(w.Dataset, Fmt.Thousands(w.Requests.Count), Fmt.Fixed(w.Prompts.Mean, 0), Fmt.Thousands(w.Prompts.Median), Fmt.Thousands(w.Prompts.P90), Fmt.Thousands(w.Prompts.Max),
                Fmt.Fixed(w.Prompts.ShareOver8192 * 100, 1), Fmt.Fixed(w.Outputs.Mean, 0), $"`{w.SourceFile}` ({Fmt.Thousands(w.RowsRead)} rows, {Fmt.Thousands(w.RowsExcluded)} excluded): {w.Description}");
        }
        sb.Append(t).AppendLine();
        sb.AppendLine("Token counts. arXiv targets (the paper's full articles, BACKGROUND.md §8): mean ~9.2-9.7k, median ~8.5k, p90 ~17k, max ~50k, about half over 8192. " +
            "Arrivals: Poisson at each rate, seeded.").AppendLine();
    }

    private static void AppendRuns(StringBuilder sb, IReadOnlyList<RunResult> runs)
    {
        sb.AppendLine("### Results per run").AppendLine();
        var t = new MarkdownTable("model", "dataset", "rate (req/s)", "rate set", "scheduler", "TTFT mean (s)", "TTFT p99 (s)", "token gap mean (ms)",
            "token gap p99 (ms)", "E2E mean (s)", "SLO attainment (%)", "expert-weight HBM (TB)", "total HBM (TB)", "energy per token (J)", "preemptions");
        foreach (RunResult run in runs)
        {
            var s = run.Summary;
            t.Add(run.Spec.Model, run.Spec.Dataset, Fmt.Fixed(run.Spec.RatePerS, 2), RateSet(run.Spec.AtPaperRate), run.Spec.SchedulerLabel, Fmt.Fixed(s.TtftMeanS, 3), Fmt.Fixed(s.TtftP99S, 3),
                Fmt.Fixed(s.TbtMeanS * 1e3, 1), Fmt.Fixed(s.TbtP99S * 1e3, 1), Fmt.Fixed(s.E2eMeanS, 2), Fmt.Fixed(s.SloAttainment * 100, 1), Fmt.Fixed(s.HbmBytesExpertWeights / 1e12, 2),
                Fmt.Fixed(s.HbmBytesTotal / 1e12, 2), Fmt.Fixed(s.EnergyPerTokenJ, 4), Fmt.Thousands(s.Preemptions));
        }
        sb.Append(t).AppendLine();
        sb.AppendLine("SLO: TTFT <= 5 s (ShareGPT) / 10 s (arXiv) and every token gap <= 125 ms (Qwen) / 100 ms (GPT-OSS); rejected requests count as misses. " +
            "Token gap p99 pools every gap of every request. HBM traffic is the run total over both GPUs.").AppendLine();
    }

    private static void AppendComparisons(StringBuilder sb, IReadOnlyList<Comparison> comparisons)
    {
        sb.AppendLine("### Layered against chunked, per rate").AppendLine();
        var t = new MarkdownTable("model", "dataset", "rate (req/s)", "rate set", "chunked extra expert traffic (%)", "chunked extra total traffic (%)",
            "TTFT mean lower (%)", "TTFT p99 lower (%)", "E2E mean lower (%)", "energy/token lower (%)", "SLO chunked (%)", "SLO layered (%)");
        foreach (Comparison c in comparisons)
        {
            t.Add(c.Model, c.Dataset, Fmt.Fixed(c.RatePerS, 2), RateSet(c.AtPaperRate), Fmt.Fixed(c.ExpertTrafficExcessPct, 1), Fmt.Fixed(c.TotalTrafficExcessPct, 1), Fmt.Fixed(c.TtftMeanReductionPct, 1),
                Fmt.Fixed(c.TtftP99ReductionPct, 1), Fmt.Fixed(c.E2eMeanReductionPct, 1), Fmt.Fixed(c.EnergyPerTokenReductionPct, 1), Fmt.Fixed(c.SloChunked * 100, 1), Fmt.Fixed(c.SloLayered * 100, 1));
        }
        sb.Append(t).AppendLine();
        sb.AppendLine("Negative \"lower\" means layered is worse. Extra traffic = chunked / layered - 1.").AppendLine();
    }

    private static void AppendClaims(StringBuilder sb, IReadOnlyList<ClaimCheck> claims)
    {
        sb.AppendLine("### The paper's headline claims against TraceReplay").AppendLine();
        var t = new MarkdownTable("rates", "claim", "paper (up to, %)", "TraceReplay MoE min (%)", "TraceReplay MoE max (%)", "where the max is", "dense control max (%)");
        foreach (ClaimCheck c in claims)
        {
            t.Add(c.Scope, c.Claim, Fmt.Fixed(c.PaperPct, 0), Fmt.Fixed(c.ReplayMinPct, 1), Fmt.Fixed(c.ReplayBestPct, 1), c.ReplayBestAt, Fmt.Fixed(c.DenseBestPct, 1));
        }
        sb.Append(t).AppendLine();
    }

    private static void AppendSinglePrompt(StringBuilder sb, IReadOnlyList<SinglePromptRow> rows, int promptTokens)
    {
        sb.AppendLine(Inv($"### One {promptTokens}-token prompt prefilled alone")).AppendLine();
        var t = new MarkdownTable("model", "configuration", "iterations", "expert weights loaded (GB)", "graph cross-check (GB)", "total HBM (GB)", "MoE time (ms)", "prefill time (ms)");
        foreach (SinglePromptRow r in rows)
        {
            t.Add(r.Model, r.Config + (r.LayerGroups > 0 ? $" ({r.LayerGroups} groups)" : ""), Fmt.Thousands(r.Iterations), Fmt.Fixed(r.ExpertBytesEngine / 1e9, 2),
                Fmt.Fixed(r.ExpertBytesGraph / 1e9, 2), Fmt.Fixed(r.HbmBytesTotal / 1e9, 2), Fmt.Fixed(r.MoeTimeMs, 2), Fmt.Fixed(r.PrefillTimeMs, 2));
        }
        sb.Append(t).AppendLine();
        sb.AppendLine("Expert weights: summed over MoE layers and iterations, both GPUs. MoE time: router + expert GEMMs of every MoE layer, per GPU " +
            "(the two TP ranks run in parallel), from the same operator graph and cost model. Prefill time: the engine's TTFT.").AppendLine();
        PaperFigures.AppendFig2(sb, rows);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using TraceReplay.Core.IO;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>Writes layered-prefill.md, layered-prefill.json and the figures (each atomically).</summary>
public static class LayeredPrefillWriter
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IReadOnlyList<string> Write(LayeredPrefillResult r, string outDir)
    {
        string md = Path.Combine(outDir, LayeredPrefillReproduction.MarkdownFile);
        AtomicFile.WriteAllText(md, LayeredPrefillMarkdown.Write(r));
        string json = Path.Combine(outDir, LayeredPrefillReproduction.JsonFile);
        AtomicFile.WriteAllText(json, JsonSerializer.Serialize(Dto(r), s_json));
        List<string> files = [md, json];
        files.AddRange(LayeredPrefillFigures.Write(outDir, r));
        return files;
    }

    /// <summary>Everything but wall-clock times, so the same seed writes the same bytes.</summary>
    private static object Dto(LayeredPrefillResult r) => new
    {
        paper = "arXiv 2510.08055 (From Tokens to Layers: layered prefill)",
        config = new
        {
            r.Config.Name, r.Config.Seed, r.Config.ShareGptRequests, r.Config.ArxivRequests, LayeredPrefillConfig.Gpu,
            LayeredPrefillConfig.TensorParallel, LayeredPrefillConfig.ChunkTokens, LayeredPrefillConfig.CohortTokens,
            LayeredPrefillConfig.MaxSequences, LayeredPrefillConfig.BlockTokens, LayeredPrefillConfig.GpuMemoryUtilization,
            LayeredPrefillConfig.CostModel, models = r.Config.Models,
        },
        cost_model_provenance = r.CostModelProvenance,
        energy_note = "estimate from documented coefficients (static power, pJ per HBM byte, pJ per FLOP), not NVML measurements",
        routing_skew = new
        {
            fitted_model = SkewCalibration.FittedModel,
            spec = r.Skew.QwenSpec,
            rms_error_points = r.Skew.QwenFit.RmsErrorPoints,
            coverage = r.Skew.QwenFit.Points.Select(p => new { tokens = p.Tokens, measured = p.Measured, fitted = p.Fitted }),
            gpt_oss_spec = r.Skew.GptOssSpec,
            gpt_oss_assumption = "same fraction of experts hot and same hot share as the Qwen3-30B-A3B fit (no published GPT-OSS coverage)",
            gpt_oss_coverage = r.Skew.GptOssCoverage.Select(p => new { tokens = p.Tokens, uniform = p.Uniform, assumed = p.Fitted }),
        },
        workloads = r.Workloads.Select(w => new
        {
            w.Dataset, w.SourceFile, w.SourceSha256, w.RowsRead, w.RowsExcluded, requests = w.Requests.Count, w.Description,
            prompt_tokens = w.Prompts, output_tokens = w.Outputs,
        }),
        runs = r.Runs.Select(x => new { x.Spec.Model, x.Spec.Dataset, rate_per_s = x.Spec.RatePerS, at_paper_rate = x.Spec.AtPaperRate, x.Spec.Scheduler, x.Spec.Folder, x.Routing, summary = x.Summary }),
        comparisons = r.Comparisons,
        claims = r.Claims,
        single_prompt = r.SinglePrompt,
    };
}

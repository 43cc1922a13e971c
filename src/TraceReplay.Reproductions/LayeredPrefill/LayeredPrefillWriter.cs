using System.Text.Json;
using TraceReplay.Core.IO;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>Writes layered-prefill.md, layered-prefill.json and the figures (each atomically).</summary>
public static class LayeredPrefillWriter
{
    public static IReadOnlyList<string> Write(LayeredPrefillResult r, string outDir)
    {
        string md = Path.Combine(outDir, LayeredPrefillReproduction.MarkdownFile);
        AtomicFile.WriteAllText(md, LayeredPrefillMarkdown.Write(r));
        string json = Path.Combine(outDir, LayeredPrefillReproduction.JsonFile);
        AtomicFile.WriteAllText(json, JsonSerializer.Serialize(Dto(r), LayeredPrefillJsonContext.Default.LayeredPrefillJson));
        List<string> files = [md, json];
        files.AddRange(LayeredPrefillFigures.Write(outDir, r));
        return files;
    }

    private static LayeredPrefillJson Dto(LayeredPrefillResult r) => new(
        "arXiv 2510.08055 (From Tokens to Layers: layered prefill)",
        new(r.Config.Name, r.Config.Seed, r.Config.ShareGptRequests, r.Config.ArxivRequests, LayeredPrefillConfig.Gpu,
            LayeredPrefillConfig.TensorParallel, LayeredPrefillConfig.ChunkTokens, LayeredPrefillConfig.CohortTokens,
            LayeredPrefillConfig.MaxSequences, LayeredPrefillConfig.BlockTokens, LayeredPrefillConfig.GpuMemoryUtilization,
            LayeredPrefillConfig.CostModel, r.Config.Models),
        r.CostModelProvenance,
        "estimate from documented coefficients (static power, pJ per HBM byte, pJ per FLOP), not NVML measurements",
        new(SkewCalibration.FittedModel, r.Skew.QwenSpec, r.Skew.QwenFit.RmsErrorPoints,
            [.. r.Skew.QwenFit.Points.Select(p => new LayeredPrefillJson.CoverageJson(p.Tokens, p.Measured, p.Fitted))],
            r.Skew.GptOssSpec, "same fraction of experts hot and same hot share as the Qwen3-30B-A3B fit (no published GPT-OSS coverage)",
            [.. r.Skew.GptOssCoverage.Select(p => new LayeredPrefillJson.AssumedCoverageJson(p.Tokens, p.Uniform, p.Fitted))]),
        [.. r.Workloads.Select(w => new LayeredPrefillJson.WorkloadJson(w.Dataset, w.SourceFile, w.SourceSha256, w.RowsRead, w.RowsExcluded,
            w.Requests.Count, w.Description, w.Prompts, w.Outputs))],
        [.. r.Runs.Select(x => new LayeredPrefillJson.RunJson(x.Spec.Model, x.Spec.Dataset, x.Spec.RatePerS, x.Spec.AtPaperRate, x.Spec.Scheduler,
            x.Spec.Folder, x.Routing, x.Summary))],
        r.Comparisons, r.Claims, r.SinglePrompt);
}

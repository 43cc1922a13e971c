using System.Diagnostics;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>
/// Runs the layered-prefill reproduction (arXiv 2510.08055, BACKGROUND.md §8): routing-skew fit, workloads, the
/// replay grid in parallel, the single-prompt experiment; then writes tables, JSON and figures.
/// </summary>
public static class LayeredPrefillReproduction
{
    public const string MarkdownFile = "layered-prefill.md";
    public const string JsonFile = "layered-prefill.json";
    public const string RunsFolder = "runs";

    /// <param name="lengthsDir">Folder holding the two length files (the repository's traces/lengths).</param>
    /// <param name="writeRuns">Write per-run Parquet and summary.json under <c>runs/</c>.</param>
    public static LayeredPrefillResult Run(LayeredPrefillConfig config, string lengthsDir, string outDir, bool writeRuns = true,
        int jobs = 0, Action<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        jobs = jobs > 0 ? jobs : Environment.ProcessorCount;
        SkewCalibration skew = SkewCalibration.Fit();
        log?.Invoke($"routing skew: {SkewCalibration.FittedModel} {skew.QwenSpec} (RMS {skew.QwenFit.RmsErrorPoints:F2} points), GPT-OSS-20B {skew.GptOssSpec} (assumed)");
        string[] datasets = [.. config.Models.SelectMany(m => m.Rates).Select(r => r.Dataset).Distinct().Order(StringComparer.Ordinal)];
        Workload[] workloads = [.. datasets.Select(d => Workload.Load(lengthsDir, d, config.RequestsFor(d), config.Seed))];
        _ = ReplayFactory.CostModel(config.MaskedPairs, out string provenance);
        log?.Invoke($"cost model: {provenance}");
        Directory.CreateDirectory(outDir);
        string? runsDir = writeRuns ? Path.Combine(outDir, RunsFolder) : null;
        IReadOnlyList<RunResult> runs = GridRunner.Run(config, workloads.ToDictionary(w => w.Dataset), skew, runsDir, jobs,
            r => log?.Invoke(FormattableString.Invariant(
                $"  {r.Spec.Folder,-40} TTFT mean {r.Summary.TtftMeanS,7:F3} s  SLO {r.Summary.SloAttainment * 100,5:F1}%  ({r.WallS:F1} s)")));
        IReadOnlyList<SinglePromptRow> single = SinglePromptExperiment.Run(config, skew);
        IReadOnlyList<Comparison> comparisons = Comparison.Of(runs);
        var result = new LayeredPrefillResult(config, skew, workloads, provenance, runs, comparisons, ClaimCheck.Of(comparisons), single,
            clock.Elapsed.TotalSeconds);
        LayeredPrefillWriter.Write(result, outDir);
        return result;
    }
}

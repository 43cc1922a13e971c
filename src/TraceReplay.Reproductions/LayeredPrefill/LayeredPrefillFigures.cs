using ScottPlot;
using TraceReplay.Reproductions.Output;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>SLO attainment against rate per scheduler; traffic and energy bars; the single-prompt bars.</summary>
public static class LayeredPrefillFigures
{
    public static IEnumerable<string> Write(string outDir, LayeredPrefillResult r)
    {
        List<string> files = [];
        foreach (string dataset in r.Runs.Select(x => x.Spec.Dataset).Distinct())
        {
            files.AddRange(Figures.Save(SloPlot(r.Runs, dataset), outDir, $"layered-prefill-slo-{dataset}"));
        }
        // Bars at each model/dataset's highest paper rate (the claims are the paper's, at its rates).
        RunResult[] top = [.. r.Runs.Where(x => x.Spec.AtPaperRate).GroupBy(x => (x.Spec.Model, x.Spec.Dataset))
            .SelectMany(g => g.Where(x => x.Spec.RatePerS == g.Max(y => y.Spec.RatePerS)))];
        string[] groups = [.. top.Select(x => $"{x.Spec.Model} {x.Spec.Dataset} {x.Spec.RatePerS:0.##}/s").Distinct()];
        double[] Pick(string scheduler, Func<RunResult, double> f) => [.. top.Where(x => x.Spec.Scheduler == scheduler).Select(f)];
        files.AddRange(Figures.Save(Figures.GroupedBars("HBM traffic per run at the highest paper rate", "TB (both GPUs)", groups,
            ["expert weights, chunked", "expert weights, layered", "total, chunked", "total, layered"],
            [Pick("sarathi", x => x.Summary.HbmBytesExpertWeights / 1e12), Pick("layered", x => x.Summary.HbmBytesExpertWeights / 1e12),
             Pick("sarathi", x => x.Summary.HbmBytesTotal / 1e12), Pick("layered", x => x.Summary.HbmBytesTotal / 1e12)]),
            outDir, "layered-prefill-traffic", 1200));
        files.AddRange(Figures.Save(Figures.GroupedBars("Energy per token at the highest paper rate (estimate)", "J per token (prompt + generated)", groups,
            [Labels.Scheduler("sarathi"), Labels.Scheduler("layered")],
            [Pick("sarathi", x => x.Summary.EnergyPerTokenJ), Pick("layered", x => x.Summary.EnergyPerTokenJ)]),
            outDir, "layered-prefill-energy", 1200));
        files.AddRange(SinglePrompt(outDir, r.SinglePrompt, r.Config.SinglePromptTokens));
        return files;
    }

    private static Plot SloPlot(IReadOnlyList<RunResult> runs, string dataset)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        string[] models = [.. runs.Select(x => x.Spec.Model).Distinct()];
        foreach (var g in runs.Where(x => x.Spec.Dataset == dataset).GroupBy(x => (x.Spec.Model, x.Spec.Scheduler)))
        {
            RunResult[] pts = [.. g.OrderBy(x => x.Spec.RatePerS)];
            var line = plot.Add.Scatter(pts.Select(x => x.Spec.RatePerS).ToArray(), pts.Select(x => x.Summary.SloAttainment * 100).ToArray());
            line.LegendText = $"{g.Key.Model} {Labels.Scheduler(g.Key.Scheduler)}";
            line.Color = palette.GetColor(Array.IndexOf(models, g.Key.Model));
            line.LinePattern = g.Key.Scheduler == "sarathi" ? LinePattern.Dashed : LinePattern.Solid;
            line.MarkerSize = 7;
            line.MarkerShape = g.Key.Scheduler == "sarathi" ? MarkerShape.OpenCircle : MarkerShape.FilledCircle;
        }
        var target = plot.Add.HorizontalLine(90);
        target.LegendText = "90% target";
        target.LinePattern = LinePattern.Dotted;
        plot.Title($"SLO attainment against rate, {dataset} (TTFT <= {Datasets.SloTtftS(dataset):0} s, every token gap <= 125 ms Qwen / 100 ms GPT-OSS)");
        plot.XLabel("request rate (req/s, Poisson)");
        plot.YLabel("SLO attainment (%)");
        plot.Axes.SetLimitsY(0, 102);
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    private static IEnumerable<string> SinglePrompt(string outDir, IReadOnlyList<SinglePromptRow> rows, int promptTokens)
    {
        string[] models = [.. rows.Select(x => x.Model).Distinct()];
        string[] moe = [.. rows.Where(x => x.ExpertBytesEngine > 0).Select(x => x.Model).Distinct()];
        string[] configs = [.. rows.Select(x => x.Config).Distinct()];
        double[] Of(string model, Func<SinglePromptRow, double> f) => [.. configs.Select(c => f(rows.Single(x => x.Model == model && x.Config == c)))];
        var bytes = Figures.GroupedBars($"One {promptTokens}-token prompt alone: expert weights loaded", "GB (all MoE layers and iterations, both GPUs)",
            configs, moe, [.. moe.Select(m => Of(m, x => x.ExpertBytesEngine / 1e9))]);
        var time = Figures.GroupedBars($"One {promptTokens}-token prompt alone: MoE time and prefill time", "ms",
            configs, [.. moe.Select(m => $"{m} MoE time"), .. models.Select(m => $"{m} prefill time")],
            [.. moe.Select(m => Of(m, x => x.MoeTimeMs)), .. models.Select(m => Of(m, x => x.PrefillTimeMs))]);
        return [.. Figures.Save(bytes, outDir, "layered-prefill-single-prompt-bytes"), .. Figures.Save(time, outDir, "layered-prefill-single-prompt-time")];
    }
}

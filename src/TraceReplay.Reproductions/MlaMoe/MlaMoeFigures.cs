using ScottPlot;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Reproductions.MlaMoe;

/// <summary>Decode attention intensity against context with the GPUs' ridge points; MoE ridge batches per GPU.</summary>
public static class MlaMoeFigures
{
    public static IEnumerable<string> Write(string outDir, IReadOnlyList<AttentionIntensityRow> attention, IReadOnlyList<MoeRidgeRow> ridge)
    {
        var plot = new Plot();
        foreach (var group in attention.Where(r => r.Phase == "decode" && r.Batch == 1).GroupBy(r => (r.Model, r.Attention)))
        {
            double[] xs = [.. group.Select(r => Math.Log10(r.ContextTokens))];
            double[] ys = [.. group.Select(r => Math.Log10(r.FusedFlopsPerByte))];
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = $"{group.Key.Model} {group.Key.Attention}";
        }
        foreach (string gpu in MlaMoeAnalysis.Gpus)
        {
            var h = plot.Add.HorizontalLine(Math.Log10(GpuCatalog.Resolve(gpu).RidgePointFlopsPerByte));
            h.LegendText = $"ridge {gpu}";
            h.LinePattern = LinePattern.Dashed;
        }
        LogTicks(plot);
        plot.Title("Decode attention: arithmetic intensity vs ridge points");
        plot.XLabel("context (tokens, log)");
        plot.YLabel("FLOP per HBM byte (log)");
        plot.ShowLegend(Alignment.MiddleRight);
        foreach (string f in Save(plot, outDir, "mla-moe-attention"))
        {
            yield return f;
        }

        var bars = new Plot();
        string[] models = [.. ridge.Select(r => r.Model).Distinct()];
        string[] gpus = [.. ridge.Select(r => r.Gpu).Distinct()];
        var palette = new ScottPlot.Palettes.Category10();
        for (int gi = 0; gi < gpus.Length; gi++)
        {
            var values = ridge.Where(r => r.Gpu == gpus[gi]).Select((r, mi) => new Bar
            {
                Position = mi * (gpus.Length + 1) + gi,
                Value = r.FormulaBatchTokens,
                FillColor = palette.GetColor(gi),
            }).ToArray();
            var series = bars.Add.Bars(values);
            series.LegendText = gpus[gi];
        }
        bars.Axes.Bottom.SetTicks([.. models.Select((_, i) => i * (gpus.Length + 1) + (gpus.Length - 1) / 2.0)], models);
        bars.Title("MoE: decode tokens per layer to reach the ridge (ridge x E / k)");
        bars.YLabel("tokens");
        bars.ShowLegend(Alignment.UpperRight);
        bars.Axes.Margins(bottom: 0);
        foreach (string f in Save(bars, outDir, "mla-moe-ridge-batch"))
        {
            yield return f;
        }
    }

    /// <summary>Data are plotted as log10; label the decades and the contexts with their real values.</summary>
    private static void LogTicks(Plot plot)
    {
        static string Label(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
        double[] contexts = [.. MlaMoeAnalysis.Contexts.Select(c => (double)c)];
        plot.Axes.Bottom.SetTicks([.. contexts.Select(Math.Log10)], [.. contexts.Select(Label)]);
        double[] levels = [1, 2, 5, 10, 20, 50, 100, 200, 500];
        plot.Axes.Left.SetTicks([.. levels.Select(Math.Log10)], [.. levels.Select(Label)]);
    }

    private static IEnumerable<string> Save(Plot plot, string outDir, string name) => Output.Figures.Save(plot, outDir, name, 900, 600);
}

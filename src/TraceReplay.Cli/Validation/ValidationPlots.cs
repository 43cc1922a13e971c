using ScottPlot;
using TraceReplay.Reports.Report;

namespace TraceReplay.Cli.Validation;

/// <summary>Predicted vs measured scatter plots (log10 axes, one colour per GPU, the y = x line), through the report's <see cref="PlotFile"/>.</summary>
public static class ValidationPlots
{
    public const string Tpot = "validation_tpot";
    public const string Ttft = "validation_ttft";

    public static void Save(IReadOnlyList<ValidationRow> results, string plotsDir)
    {
        PlotFile.Save(Scatter(results, r => r.Point.TpotMs, r => r.PredTpotMs, "TPOT"), plotsDir, Tpot);
        PlotFile.Save(Scatter(results, r => r.Point.TtftMs, r => r.PredTtftMs, "TTFT"), plotsDir, Ttft);
    }

    private static Plot Scatter(IReadOnlyList<ValidationRow> results, Func<ValidationRow, double> measured, Func<ValidationRow, double> predicted, string metric)
    {
        var plot = new Plot();
        ValidationRow[] rows = [.. results.Where(r => r.Expressed && measured(r) > 0 && predicted(r) > 0)];
        string[] gpus = [.. rows.Select(r => r.Point.Gpu).Distinct().Order(StringComparer.Ordinal)];
        for (int i = 0; i < gpus.Length; i++)
        {
            ValidationRow[] g = [.. rows.Where(r => r.Point.Gpu == gpus[i])];
            var s = plot.Add.ScatterPoints(g.Select(r => Math.Log10(measured(r))).ToArray(), g.Select(r => Math.Log10(predicted(r))).ToArray(),
                new ScottPlot.Palettes.Category10().GetColor(i));
            s.LegendText = gpus[i];
        }
        if (rows.Length > 0)
        {
            double lo = rows.Min(r => Math.Log10(Math.Min(measured(r), predicted(r)))), hi = rows.Max(r => Math.Log10(Math.Max(measured(r), predicted(r))));
            var line = plot.Add.Line(lo, lo, hi, hi);
            line.LegendText = "predicted = measured";
            line.LinePattern = LinePattern.Dashed;
        }
        plot.XLabel($"measured {metric}, log10 ms");
        plot.YLabel($"predicted {metric}, log10 ms");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}

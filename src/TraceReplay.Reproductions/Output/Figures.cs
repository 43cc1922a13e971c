using ScottPlot;

namespace TraceReplay.Reproductions.Output;

/// <summary>Shared figure helpers: grouped bars, and saving through the reports' plot writer.</summary>
public static class Figures
{
    /// <summary>Bars of <paramref name="values"/>[series][group], one cluster per group, one colour per series.</summary>
    public static Plot GroupedBars(string title, string yLabel, IReadOnlyList<string> groups, IReadOnlyList<string> series, double[][] values)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int width = series.Count + 1;
        for (int s = 0; s < series.Count; s++)
        {
            Bar[] bars = [.. Enumerable.Range(0, groups.Count).Select(g => new Bar
            {
                Position = g * width + s,
                Value = double.IsFinite(values[s][g]) ? values[s][g] : 0,
                FillColor = palette.GetColor(s),
            })];
            plot.Add.Bars(bars).LegendText = series[s];
        }
        plot.Axes.Bottom.SetTicks([.. groups.Select((_, g) => g * width + (series.Count - 1) / 2.0)], [.. groups]);
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    /// <summary>DIR/NAME.png and DIR/NAME.svg through the one plot writer (atomic, stable SVG ids); returns both paths.</summary>
    public static IEnumerable<string> Save(Plot plot, string outDir, string name, int width = 1000, int height = 600)
    {
        _ = Reports.Report.PlotFile.Save(plot, outDir, name, width, height);
        return [Path.Combine(outDir, name + ".png"), Path.Combine(outDir, name + ".svg")];
    }
}

using ScottPlot;
using TraceReplay.Reports.Report;
using TraceReplay.Reports.Text;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Sweeps;

/// <summary>sweep.md and sweep.html with goodput, attainment against rate and the Pareto frontier, plus their plots.</summary>
public static class SweepReport
{
    public static readonly DocumentFiles Files = new("sweep");

    public static void Write(IReadOnlyList<SweepRow> rows, IReadOnlyDictionary<string, string> metadata, double target, string outputDir)
    {
        string plots = Path.Combine(outputDir, ReportBuilder.PlotsFolder);
        var blocks = new List<ReportBlock>
        {
            new HeadingBlock(1, "Sweep report"),
            new ParagraphBlock($"{rows.Count} grid points; grid `{metadata.GetValueOrDefault(SweepParquet.GridShaKey, "?")[..Math.Min(12, metadata.GetValueOrDefault(SweepParquet.GridShaKey, "?").Length)]}`: {metadata.GetValueOrDefault(SweepParquet.GridKey, "")}"),
            new HeadingBlock(2, $"Goodput (highest rate with SLO attainment >= {Fmt.Fixed(target * 100, 0)}%)"),
            new TableBlock(["configuration", "goodput (req/s)", "SLO attainment there (%)", "note"],
                [.. SweepAnalysis.Goodput(rows, target).Select(g => new[] { g.Config, double.IsFinite(g.GoodputRps) ? RateList.Format(g.GoodputRps) : "-", Fmt.Sig(g.AttainmentAtGoodput * 100), g.Note })]),
            new HeadingBlock(2, "SLO attainment (%) against rate"),
        };
        var configs = SweepAnalysis.ByConfig(rows);
        double[] rates = [.. rows.Select(r => r.Point.RatePerS).Distinct().Order()];
        blocks.Add(new TableBlock(["rate (req/s)", .. configs.Select(c => c.Config)],
            [.. rates.Select(rate => new[] { RateList.Format(rate) }.Concat(configs.Select(c =>
                c.Rows.FirstOrDefault(r => r.Point.RatePerS == rate) is SweepRow r ? Fmt.Sig(r[MetricNames.SloAttainment] * 100) : "-")).ToArray())]));
        blocks.Add(FigureBlock.Save(AttainmentPlot(configs, target), plots, "slo_attainment_vs_rate",
            "SLO attainment against offered rate, one line per configuration; the dashed line is the target."));
        blocks.Add(new HeadingBlock(2, "TTFT-TBT Pareto frontier (p99 of each; no other point is better on both)"));
        IReadOnlyList<SweepRow> front = SweepAnalysis.Pareto(rows);
        blocks.Add(new TableBlock(["grid_index", "configuration", "rate (req/s)", Header(MetricNames.TtftP99S), Header(MetricNames.TbtP99S), "SLO attainment (%)"],
            [.. front.Select(r => new[] { Fmt.Int(r.Point.Index), r.Point.Config, RateList.Format(r.Point.RatePerS), Fmt.Sig(r[MetricNames.TtftP99S]), Fmt.Sig(r[MetricNames.TbtP99S]), Fmt.Sig(r[MetricNames.SloAttainment] * 100) })]));
        blocks.Add(FigureBlock.Save(ParetoPlot(configs, front), plots, "pareto", "Every grid point by TTFT p99 and TBT p99; the frontier is the line."));
        blocks.Add(new ParagraphBlock("Query the rows directly, e.g. `duckdb -c \"SELECT scheduler, rate_rps, slo_attainment FROM 'sweep.parquet' ORDER BY grid_index\"`."));
        ReportDocument.Write(blocks, outputDir, Files, "Sweep report");
    }

    /// <summary>A metric column heading: its catalogue key and unit.</summary>
    private static string Header(string metric) => $"{metric} ({MetricCatalog.Get(metric).Unit})";

    private static Plot AttainmentPlot(IReadOnlyList<(string Config, IReadOnlyList<SweepRow> Rows)> configs, double target)
    {
        var plot = new Plot();
        plot.Title("SLO attainment against rate");
        plot.XLabel("offered rate (req/s)");
        plot.YLabel("SLO attainment (%)");
        for (int i = 0; i < configs.Count; i++)
        {
            var s = plot.Add.Scatter(configs[i].Rows.Select(r => r.Point.RatePerS).ToArray(), configs[i].Rows.Select(r => r[MetricNames.SloAttainment] * 100).ToArray(),
                new ScottPlot.Palettes.Category10().GetColor(i));
            s.LegendText = configs[i].Config;
        }
        var line = plot.Add.HorizontalLine(target * 100);
        line.LinePattern = LinePattern.Dashed;
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    private static Plot ParetoPlot(IReadOnlyList<(string Config, IReadOnlyList<SweepRow> Rows)> configs, IReadOnlyList<SweepRow> front)
    {
        var plot = new Plot();
        plot.Title("TTFT p99 against TBT p99");
        // Past saturation the p99s grow by orders of magnitude: a log axis keeps the frontier's knee readable.
        bool logX = LogAxis.Spans(configs.SelectMany(c => c.Rows).Select(r => r[MetricNames.TtftP99S]));
        bool logY = LogAxis.Spans(configs.SelectMany(c => c.Rows).Select(r => r[MetricNames.TbtP99S]));
        plot.XLabel(logX ? "TTFT p99 (s, log scale)" : "TTFT p99 (s)");
        plot.YLabel(logY ? "TBT p99 (s, log scale)" : "TBT p99 (s)");
        double[] X(IEnumerable<SweepRow> rows) => LogAxis.Coordinates(rows.Select(r => r[MetricNames.TtftP99S]), logX);
        double[] Y(IEnumerable<SweepRow> rows) => LogAxis.Coordinates(rows.Select(r => r[MetricNames.TbtP99S]), logY);
        for (int i = 0; i < configs.Count; i++)
        {
            var pts = plot.Add.ScatterPoints(X(configs[i].Rows), Y(configs[i].Rows), new ScottPlot.Palettes.Category10().GetColor(i));
            pts.LegendText = configs[i].Config;
        }
        if (front.Count > 0)
        {
            var f = plot.Add.ScatterLine(X(front), Y(front), Colors.Black);
            f.LegendText = "Pareto frontier";
            f.ConnectStyle = ConnectStyle.StepVertical;
        }
        if (logX)
        {
            LogAxis.Use(plot.Axes.Bottom);
        }
        if (logY)
        {
            LogAxis.Use(plot.Axes.Left);
        }
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}

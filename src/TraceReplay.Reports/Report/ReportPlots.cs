using ScottPlot;
using TraceReplay.Reports.Runs;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Report;

/// <summary>The report's plots, one run per colour (the same colour for a run in every plot).</summary>
public static class ReportPlots
{
    public const int TimeBins = 120;

    public static Plot TtftCdf(IReadOnlyList<RunData> runs) =>
        Cdf(runs, r => r.Requests.TtftS, "TTFT (s)", "Time to first token: CDF over completed requests");

    public static Plot TokenGapCdf(IReadOnlyList<RunData> runs) =>
        Cdf(runs, r => r.Requests.TbtMeanS.Select(s => s * 1e3).ToArray(), "mean token gap of a request (ms)",
            "Token gaps: CDF of each request's mean gap between tokens");

    public static Plot LatencyOverTime(IReadOnlyList<RunData> runs)
    {
        Plot plot = New("Latency over trace time: TTFT p99 per arrival-time bin", "request arrival (s)", "TTFT p99 (s)");
        (double t0, double t1) = Span(runs);
        for (int i = 0; i < runs.Count; i++)
        {
            (double[] x, double[] y) = Series.BinnedQuantile(runs[i].Requests.ArrivalS, runs[i].Requests.TtftS, t0, t1, TimeBins / 2, 0.99);
            Line(plot, x, y, runs[i].Label, i);
        }
        return Finish(plot, runs.Count);
    }

    public static Plot BatchOverTime(IReadOnlyList<RunData> runs) => OverTime(runs, "Running batch over time (time-averaged, all instances)",
        "running sequences", it => i => it.DecodeTokens[i] + it.PrefillPieces[i]);

    public static Plot KvOverTime(IReadOnlyList<RunData> runs) => OverTime(runs, "KV-cache use over time (time-averaged, all instances)",
        "KV blocks used (% of capacity)", it => i => it.KvBlocksUsed[i], KvScale);

    public static Plot HbmByCategory(IReadOnlyList<RunData> runs)
    {
        Plot plot = New("HBM traffic by category (all GPUs)", "", "HBM traffic (TB)");
        IReadOnlyList<HbmCategory> cats = HbmCategory.All;
        var bars = new List<Bar>();
        for (int r = 0; r < runs.Count; r++)
        {
            for (int c = 0; c < cats.Count; c++)
            {
                bars.Add(new Bar { Position = c * (runs.Count + 1) + r, Value = cats[c].TotalBytes(runs[r].Iterations!) / 1e12, FillColor = Color(r) });
            }
        }
        plot.Add.Bars(bars);
        Tick[] ticks = [.. cats.Select((c, i) => new Tick(i * (runs.Count + 1) + (runs.Count - 1) / 2.0, c.Label))];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        RunLegend(plot, runs);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    public static Plot EnergyPerToken(IReadOnlyList<RunData> runs)
    {
        Plot plot = New("Energy per token (estimate)", "", "energy per token (J, prompt + generated)");
        plot.Add.Bars(runs.Select((r, i) => new Bar { Position = i, Value = r.Summary[MetricNames.EnergyPerTokenJ], FillColor = Color(i) }).ToList());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. runs.Select((r, i) => new Tick(i, r.Label))]);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    private static double KvScale(RunData r) =>
        100.0 / Math.Max(1, r.Summary[MetricNames.KvBlocksPerInstance] * Math.Max(1, double.TryParse(r.Summary.RunValue("replicas"), System.Globalization.CultureInfo.InvariantCulture, out double n) ? n : 1));

    private static Plot OverTime(IReadOnlyList<RunData> runs, string title, string yLabel, Func<IterationData, Func<int, double>> value, Func<RunData, double>? scale = null)
    {
        Plot plot = New(title, "trace time (s)", yLabel);
        (double t0, double t1) = Span(runs);
        for (int i = 0; i < runs.Count; i++)
        {
            IterationData it = runs[i].Iterations!;
            double k = scale?.Invoke(runs[i]) ?? 1;
            Func<int, double> v = value(it);
            (double[] x, double[] y) = Series.TimeWeighted(it.StartS, it.DurationS, j => v(j) * k, t0, t1, TimeBins);
            Line(plot, x, y, runs[i].Label, i);
        }
        return Finish(plot, runs.Count);
    }

    private static Plot Cdf(IReadOnlyList<RunData> runs, Func<RunData, double[]> values, string xLabel, string title)
    {
        Plot plot = New(title, xLabel, "fraction of requests");
        for (int i = 0; i < runs.Count; i++)
        {
            (double[] x, double[] y) = Series.Cdf(values(runs[i]));
            if (x.Length > 0)
            {
                ScottPlot.Plottables.Scatter s = Line(plot, x, y, runs[i].Label, i);
                s.ConnectStyle = ConnectStyle.StepHorizontal;
            }
        }
        return Finish(plot, runs.Count);
    }

    private static (double T0, double T1) Span(IReadOnlyList<RunData> runs)
    {
        double t1 = runs.Max(r => Math.Max(r.Requests.ArrivalS.DefaultIfEmpty(0).Max(), r.Iterations is { Count: > 0 } it ? it.StartS[^1] + it.DurationS[^1] : 0));
        return (0, Math.Max(t1, 1e-3));
    }

    private static ScottPlot.Plottables.Scatter Line(Plot plot, double[] x, double[] y, string label, int index)
    {
        ScottPlot.Plottables.Scatter s = plot.Add.ScatterLine(x, y, Color(index));
        s.LegendText = label;
        s.LineWidth = 2;
        return s;
    }

    private static void RunLegend(Plot plot, IReadOnlyList<RunData> runs) =>
        plot.ShowLegend(runs.Select((r, i) => new LegendItem { LabelText = r.Label, FillColor = Color(i) }), Alignment.UpperRight);

    private static Plot Finish(Plot plot, int runs)
    {
        if (runs > 0)
        {
            plot.ShowLegend(Alignment.LowerRight);
        }
        return plot;
    }

    private static Plot New(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    private static Color Color(int index) => new ScottPlot.Palettes.Category10().GetColor(index);
}

using TraceReplay.Reports.Report;
using TraceReplay.Reports.Sweeps;

namespace TraceReplay.Reports.Tests.Sweeps;

public sealed class SweepAnalysisTests
{
    private static SweepRow Row(int i, string s, double rate, double attain, double ttft, double tbt) =>
        new(new SweepPoint(i, s, rate, null, null), new Dictionary<string, double> { ["slo_attainment"] = attain, ["ttft_p99_s"] = ttft, ["tbt_p99_s"] = tbt });

    [Fact]
    public void Goodput_is_the_highest_rate_meeting_the_target_and_flags_non_monotone_attainment()
    {
        SweepRow[] rows =
        [
            Row(0, "a", 1, 0.99, 1, 1), Row(1, "a", 2, 0.95, 1, 1), Row(2, "a", 3, 0.80, 1, 1),
            Row(3, "b", 1, 0.85, 1, 1), Row(4, "b", 2, 0.91, 1, 1), Row(5, "b", 3, 0.70, 1, 1),
            Row(6, "c", 1, 0.50, 1, 1),
        ];
        IReadOnlyList<GoodputRow> g = SweepAnalysis.Goodput(rows, 0.9);
        Assert.Equal((2.0, ""), (g[0].GoodputRps, g[0].Note));
        Assert.Equal(2.0, g[1].GoodputRps);
        Assert.Contains("non-monotone", g[1].Note);
        Assert.True(double.IsNaN(g[2].GoodputRps));
    }

    [Fact]
    public void Pareto_keeps_only_points_no_other_beats_on_both()
    {
        SweepRow[] rows = [Row(0, "a", 1, 1, 1.0, 0.5), Row(1, "a", 2, 1, 2.0, 0.2), Row(2, "b", 1, 1, 2.5, 0.6), Row(3, "b", 2, 1, 0.5, 0.9)];
        Assert.Equal([3, 0, 1], SweepAnalysis.Pareto(rows).Select(r => r.Point.Index));
    }

    [Fact]
    public void The_pareto_plot_uses_a_log_axis_only_where_the_values_span_two_decades()
    {
        using var tmp = new TempDir();
        // TTFT p99 from 0.05 s to 40 s (past saturation), TBT p99 within a factor of 3.
        SweepRow[] rows = [Row(0, "a", 1, 1, 0.05, 0.02), Row(1, "a", 2, 0.9, 0.4, 0.03), Row(2, "a", 3, 0.2, 40, 0.06)];
        SweepReport.Write(rows, new Dictionary<string, string>(), 0.9, tmp.Path);
        string svg = File.ReadAllText(Path.Combine(tmp.Path, ReportBuilder.PlotsFolder, "pareto.svg"));
        Assert.Contains("TTFT p99 (s, log scale)", svg);
        Assert.DoesNotContain("TBT p99 (s, log scale)", svg);
        Assert.Contains("TBT p99 (s)", svg);
        Assert.True(LogAxis.Spans([0.05, 5]));
        Assert.False(LogAxis.Spans([0.05, 4.9, double.NaN, 0, -1]));
    }
}

using TraceReplay.Reports.Text;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Sweeps;

/// <summary>Goodput per configuration, SLO attainment against rate, and the TTFT-TBT Pareto frontier of a sweep.</summary>
public static class SweepAnalysis
{
    /// <summary>Configurations (a point without its rate) in grid order, each with its rows sorted by rate.</summary>
    public static IReadOnlyList<(string Config, IReadOnlyList<SweepRow> Rows)> ByConfig(IReadOnlyList<SweepRow> rows) =>
        [.. rows.GroupBy(r => r.Point.Config).OrderBy(g => g.Min(r => r.Point.Index))
            .Select(g => (g.Key, (IReadOnlyList<SweepRow>)[.. g.OrderBy(r => r.Point.RatePerS)]))];

    /// <summary>
    /// Highest rate with attainment &gt;= target. When attainment is not monotone in rate (some lower rate misses the
    /// target), the note says which rates, since "goodput" then overstates what is safe.
    /// </summary>
    public static IReadOnlyList<GoodputRow> Goodput(IReadOnlyList<SweepRow> rows, double target)
    {
        var result = new List<GoodputRow>();
        foreach ((string config, IReadOnlyList<SweepRow> r) in ByConfig(rows))
        {
            SweepRow? best = r.LastOrDefault(x => x[MetricNames.SloAttainment] >= target);
            if (best is null)
            {
                result.Add(new GoodputRow(config, double.NaN, double.NaN, $"no swept rate meets {Fmt.Fixed(target * 100, 0)}% (lowest rate: {Fmt.Sig(r[0][MetricNames.SloAttainment] * 100)}%)"));
                continue;
            }
            double[] dips = [.. r.Where(x => x.Point.RatePerS < best.Point.RatePerS && !(x[MetricNames.SloAttainment] >= target)).Select(x => x.Point.RatePerS)];
            string note = dips.Length > 0 ? $"non-monotone: below target at {string.Join(", ", dips.Select(RateList.Format))} req/s"
                : best == r[^1] ? "meets the target at the highest swept rate: goodput may be higher" : "";
            result.Add(new GoodputRow(config, best.Point.RatePerS, best[MetricNames.SloAttainment], note));
        }
        return result;
    }

    /// <summary>Rows no other row beats on both TTFT p99 and TBT p99 (lower is better; ties kept), by TTFT p99.</summary>
    public static IReadOnlyList<SweepRow> Pareto(IReadOnlyList<SweepRow> rows)
    {
        SweepRow[] valid = [.. rows.Where(r => double.IsFinite(r[MetricNames.TtftP99S]) && double.IsFinite(r[MetricNames.TbtP99S]))];
        return [.. valid.Where(a => !valid.Any(b => Dominates(b, a))).OrderBy(r => r[MetricNames.TtftP99S]).ThenBy(r => r.Point.Index)];
    }

    private static bool Dominates(SweepRow b, SweepRow a) =>
        b[MetricNames.TtftP99S] <= a[MetricNames.TtftP99S] && b[MetricNames.TbtP99S] <= a[MetricNames.TbtP99S] && (b[MetricNames.TtftP99S] < a[MetricNames.TtftP99S] || b[MetricNames.TbtP99S] < a[MetricNames.TbtP99S]);
}

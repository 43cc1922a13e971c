using System.Text;
using TraceReplay.Reports.Text;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Compare;

/// <summary>The comparison as markdown fit for a pull-request comment. No timestamps: same inputs, same bytes.</summary>
public static class CompareMarkdown
{
    public static string Render(CompareResult r)
    {
        int regressions = r.Regressions.Count();
        string ci = Fmt.Fixed(r.Options.Confidence * 100, 0) + "%";
        var sb = new StringBuilder();
        sb.Append("## Replay regression check: ").Append(regressions == 0 ? "PASS" : $"FAIL ({regressions} regression{(regressions == 1 ? "" : "s")})").Append("\n\n");
        sb.Append($"Baseline `{r.BaselineLabel}` ({Fmt.Int(r.BaselineRequests)} requests) vs candidate `{r.CandidateLabel}` ({Fmt.Int(r.CandidateRequests)} requests). ");
        sb.Append(r.Options.Exact ? $"{Capitalize(r.Method)}. "
            : $"{Capitalize(r.Method)}; {Fmt.Int(r.Options.Resamples)} resamples, seed {Fmt.Int(r.Options.Seed)}, {ci} percentile intervals. ");
        sb.Append($"Policy: {r.Policy.Source}.\n\n");
        var table = new MarkdownTable("metric", "unit", "baseline", "candidate", "delta", $"delta {ci} CI", "change", $"change {ci} CI", "limit", "verdict");
        foreach (MetricComparison m in r.Metrics)
        {
            table.Add($"`{m.Metric.Name}`", m.Metric.Unit, Fmt.Sig(m.Baseline), Fmt.Sig(m.Candidate), Fmt.Signed(m.Delta),
                Interval(Fmt.Signed(m.DeltaInterval.Low), Fmt.Signed(m.DeltaInterval.High)), Fmt.SignedPct(m.RelativeDelta),
                Interval(Fmt.SignedPct(m.RelativeInterval.Low), Fmt.SignedPct(m.RelativeInterval.High)),
                m.Limit?.ToString() ?? "-", VerdictText(m));
        }
        sb.Append(table).Append('\n');
        if (r.Options.Exact)
        {
            AppendChanged(sb, r);
        }
        else
        {
            sb.Append("A metric regresses only when its whole interval lies beyond its limit in the bad direction; ");
            sb.Append("an interval that covers zero is noise, never a regression. `inconclusive` = the point delta is beyond the limit but the interval reaches back inside it (does not fail).\n");
        }
        var notes = r.Metrics.Where(m => m.Verdict is Verdict.Regression or Verdict.Inconclusive).ToList();
        if (notes.Count > 0)
        {
            sb.Append('\n');
            foreach (MetricComparison m in notes)
            {
                sb.Append($"- `{m.Metric.Name}` {VerdictText(m)}: {m.Reason}\n");
            }
        }
        sb.Append("\n<details><summary>Metric definitions</summary>\n\n");
        foreach (MetricComparison m in r.Metrics)
        {
            sb.Append($"- `{m.Metric.Name}` ({m.Metric.Unit}, {(m.Metric.Better == Better.Lower ? "lower" : "higher")} is better): {m.Metric.Definition}\n");
        }
        sb.Append("\n</details>\n");
        return sb.ToString();
    }

    public static string VerdictText(MetricComparison m) => m.Verdict switch
    {
        Verdict.Regression => "**REGRESSION**",
        Verdict.Inconclusive => "inconclusive",
        Verdict.Pass => "pass",
        _ => m.Direction == "noise" ? "noise" : m.Direction,
    };

    /// <summary>--exact: every metric that changed at all, old -> new, or "identical" when none did.</summary>
    private static void AppendChanged(StringBuilder sb, CompareResult r)
    {
        var changed = r.Changed.ToList();
        sb.Append("A metric regresses when its point difference is beyond its limit in the bad direction (exact: no bootstrap). ");
        sb.Append(changed.Count == 0 ? "Identical: no metric changed.\n" : "Changed:\n\n");
        foreach (MetricComparison m in changed)
        {
            sb.Append($"- `{m.Metric.Name}`: {Fmt.Sig(m.Baseline)} -> {Fmt.Sig(m.Candidate)} {m.Metric.Unit} ({Fmt.SignedPct(m.RelativeDelta)}, {m.Direction})\n");
        }
    }

    private static string Interval(string low, string high) => low == "-" ? "-" : $"[{low}, {high}]";

    private static string Capitalize(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}

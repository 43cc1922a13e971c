using TraceReplay.Reports.Compare;
using TraceReplay.Reports.Runs;
using TraceReplay.Reports.Tests.Infrastructure;

namespace TraceReplay.Reports.Tests.Compare;

/// <summary><c>compare --exact</c>: the point difference against the limit, no bootstrap.</summary>
public sealed class ExactCompareTests
{
    private static readonly CompareOptions s_exact = new(Exact: true);
    private static readonly CompareOptions s_bootstrap = new(Resamples: 1000, Seed: 3);
    private static readonly ComparePolicy s_halfPercent =
        PolicyParser.Parse("""{"metrics": {"ttft_p99_s": {"max_increase_pct": 0.5}}}""", "half-percent");

    private static RunData Scaled(RunData a, double factor) =>
        a with { Requests = a.Requests with { TtftS = [.. a.Requests.TtftS.Select(t => t * factor)] } };

    [Fact]
    public void Exact_fails_a_one_percent_p99_regression_under_a_half_percent_limit()
    {
        RunData a = RunData.Load(SharedRuns.Sarathi, false);
        CompareResult r = Comparer.Run(a, Scaled(a, 1.01), s_halfPercent, s_exact);
        MetricComparison p99 = r.Metrics.Single(m => m.Metric.Name == "ttft_p99_s");
        Assert.InRange(p99.RelativeDelta, 0.0099, 0.0101);
        Assert.Equal(Verdict.Regression, p99.Verdict);
        Assert.Contains("(exact)", p99.Reason, StringComparison.Ordinal);
        Assert.Equal(CompareResult.ExitRegression, r.ExitCode);
        Assert.False(p99.DeltaInterval.IsDefined); // no bootstrap ran
    }

    [Fact]
    public void Exact_passes_a_change_inside_the_limit_and_lists_every_changed_metric()
    {
        RunData a = RunData.Load(SharedRuns.Sarathi, false);
        CompareResult r = Comparer.Run(a, Scaled(a, 1.004), s_halfPercent, s_exact);
        Assert.Equal(CompareResult.ExitPass, r.ExitCode);
        string[] changed = [.. r.Changed.Select(m => m.Metric.Name)];
        Assert.Contains("ttft_p99_s", changed);
        Assert.Contains("ttft_mean_s", changed);
        Assert.DoesNotContain("tbt_mean_s", changed); // only TTFT moved
        Assert.Equal("identical", r.Metrics.Single(m => m.Metric.Name == "tbt_mean_s").Direction);
        Assert.Equal("worse", r.Metrics.Single(m => m.Metric.Name == "ttft_mean_s").Direction);
        Assert.Contains("- `ttft_p99_s`: ", CompareMarkdown.Render(r), StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_on_the_same_replay_twice_shows_identical_everywhere()
    {
        RunData a = RunData.Load(SharedRuns.Sarathi, false), b = RunData.Load(SharedRuns.SarathiAgain, false);
        CompareResult r = Comparer.Run(a, b, s_halfPercent, s_exact);
        Assert.Empty(r.Changed);
        Assert.All(r.Metrics, m => Assert.Equal("identical", m.Direction));
        Assert.Contains("Identical: no metric changed.", CompareMarkdown.Render(r), StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_change_is_neither_better_nor_worse()
    {
        RunData a = RunData.Load(SharedRuns.Sarathi, false);
        CompareResult r = Comparer.Run(a, a, ComparePolicy.Default, s_bootstrap);
        Assert.All(r.Metrics, m => Assert.DoesNotContain(m.Direction, new[] { "better", "worse" }));
        Assert.All(r.Metrics, m => Assert.NotEqual("-0.00%", TraceReplay.Reports.Text.Fmt.SignedPct(m.RelativeDelta)));
        Assert.Equal("0.00%", TraceReplay.Reports.Text.Fmt.SignedPct(-1e-9));
        Assert.Equal("0.00%", TraceReplay.Reports.Text.Fmt.SignedPct(1e-9));
        Assert.Equal("-1.00%", TraceReplay.Reports.Text.Fmt.SignedPct(-0.01));
    }
}

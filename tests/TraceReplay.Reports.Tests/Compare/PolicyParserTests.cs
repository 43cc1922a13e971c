using TraceReplay.Reports.Compare;

namespace TraceReplay.Reports.Tests.Compare;

public sealed class PolicyParserTests
{
    [Fact]
    public void Parses_every_limit_kind_with_comments()
    {
        ComparePolicy p = PolicyParser.Parse("""
            { // limits
              "metrics": {
                "ttft_p99_s": { "max_increase_pct": 5, "max_increase_abs": 0.2 },
                "slo_attainment": { "max_decrease_points": 1 },
                "throughput_tokens_per_s": { "max_decrease_pct": 2, "max_decrease_abs": 10, "max_increase_pct": 50 },
              }
            }
            """, "p.json");
        Assert.Equal(new MetricLimit { MaxIncreasePct = 5, MaxIncreaseAbs = 0.2 }, p.For("ttft_p99_s"));
        Assert.Equal(new MetricLimit { MaxDecreasePoints = 1 }, p.For("slo_attainment"));
        Assert.Equal(50, p.For("throughput_tokens_per_s")!.MaxIncreasePct);
        Assert.Null(p.For("e2e_p99_s"));
        Assert.False(p.SkipUnavailable);
    }

    [Theory]
    [InlineData("not json", "p.json: line 1: not valid JSON")]
    [InlineData("[]", "p.json: (top level): expected an object")]
    [InlineData("""{"metric": {}}""", "p.json: metric: expected only the key \"metrics\"")]
    [InlineData("""{"metrics": {}}""", "p.json: metrics: expected at least one metric")]
    [InlineData("""{"metrics": {"ttft_p98_s": {"max_increase_pct": 5}}}""", "p.json: metrics.ttft_p98_s: expected a known metric: ttft_p50_s")]
    [InlineData("""{"metrics": {"ttft_p99_s": {"max_rise_pct": 5}}}""", "p.json: metrics.ttft_p99_s.max_rise_pct: expected one of max_increase_pct")]
    [InlineData("""{"metrics": {"ttft_p99_s": {"max_increase_pct": "5"}}}""", "metrics.ttft_p99_s.max_increase_pct: expected a finite number >= 0, got \"5\"")]
    [InlineData("""{"metrics": {"ttft_p99_s": {"max_increase_pct": -1}}}""", "expected a finite number >= 0, got -1")]
    [InlineData("""{"metrics": {"ttft_p99_s": {"max_increase_points": 1}}}""", "percentage points only on fractions")]
    [InlineData("""{"metrics": {"ttft_p99_s": {}}}""", "metrics.ttft_p99_s: expected at least one of")]
    public void Bad_policies_are_errors_naming_the_file_and_path(string json, string message)
    {
        var ex = Assert.Throws<InvalidDataException>(() => PolicyParser.Parse(json, "p.json"));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void The_regression_rule_needs_the_whole_interval_beyond_the_limit()
    {
        var limit = new MetricLimit { MaxIncreasePct = 5 };
        Assert.Equal(Verdict.Regression, LimitJudge.Judge(1, 1.10, new(0.08, 0.12), new(0.08, 0.12), limit).Verdict);
        Assert.Equal(Verdict.Inconclusive, LimitJudge.Judge(1, 1.10, new(0.02, 0.18), new(0.02, 0.18), limit).Verdict);
        Assert.Equal(Verdict.Pass, LimitJudge.Judge(1, 1.03, new(-0.01, 0.07), new(-0.01, 0.07), limit).Verdict);
        // Interval covers zero: never a regression, even with a zero limit.
        Assert.NotEqual(Verdict.Regression, LimitJudge.Judge(1, 1.10, new(-0.01, 0.2), new(-0.01, 0.2), new MetricLimit { MaxIncreasePct = 0 }).Verdict);
        var points = new MetricLimit { MaxDecreasePoints = 1 };
        Assert.Equal(Verdict.Regression, LimitJudge.Judge(0.95, 0.90, new(-0.06, -0.04), new(-0.063, -0.042), points).Verdict);
        Assert.Equal(Verdict.Regression, LimitJudge.Judge(1, double.NaN, PercentileIntervalUndefined, PercentileIntervalUndefined, limit).Verdict);
    }

    private static TraceReplay.Reports.Stats.PercentileInterval PercentileIntervalUndefined => TraceReplay.Reports.Stats.PercentileInterval.Undefined;
}

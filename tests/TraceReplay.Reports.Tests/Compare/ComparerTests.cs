using TraceReplay.Reports.Compare;
using TraceReplay.Reports.Runs;
using TraceReplay.Reports.Tests.Infrastructure;

namespace TraceReplay.Reports.Tests.Compare;

public sealed class ComparerTests
{
    private static readonly CompareOptions s_options = new(Resamples: 1000, Seed: 3);

    [Fact]
    public void Point_values_equal_the_engine_summary()
    {
        RunData run = RunData.Load(SharedRuns.Sarathi, withIterations: false);
        CompareResult r = Comparer.Run(run, run, ComparePolicy.Default, s_options);
        string[] shared = ["ttft_p50_s", "ttft_p90_s", "ttft_p99_s", "ttft_mean_s", "tbt_mean_s", "itl_mean_s", "tpot_mean_s", "request_throughput_per_s", "e2e_p50_s", "e2e_p99_s", "slo_attainment",
            "throughput_tokens_per_s", "energy_per_token_j"];
        foreach (string key in shared)
        {
            MetricComparison m = r.Metrics.Single(x => x.Metric.Name == key);
            double expected = run.Summary[key];
            Assert.True(double.IsFinite(expected), key);
            Assert.True(Math.Abs(m.Baseline - expected) <= 1e-9 * Math.Abs(expected), $"{key}: {m.Baseline} vs summary.json {expected}");
        }
        Assert.InRange(run.Summary["slo_attainment"], 0.05, 0.999); // the fixture is loaded enough to make the SLO bite
    }

    [Fact]
    public void An_identical_run_is_paired_and_not_a_regression()
    {
        RunData a = RunData.Load(SharedRuns.Sarathi, false), b = RunData.Load(SharedRuns.SarathiAgain, false);
        var strict = PolicyParser.Parse("""{"metrics": {"ttft_p99_s": {"max_increase_pct": 0}, "slo_attainment": {"max_decrease_points": 0}}}""", "strict");
        CompareResult r = Comparer.Run(a, b, strict, s_options);
        Assert.True(r.Paired);
        Assert.Equal(CompareResult.ExitPass, r.ExitCode);
        Assert.All(r.Metrics, m =>
        {
            Assert.Equal(0, m.Delta);
            Assert.Equal(0, m.DeltaInterval.Low);
            Assert.Equal(0, m.DeltaInterval.High);
        });
    }

    [Fact]
    public void A_known_ten_percent_ttft_shift_is_detected()
    {
        RunData a = RunData.Load(SharedRuns.Sarathi, false);
        RunData b = a with { Requests = a.Requests with { TtftS = [.. a.Requests.TtftS.Select(t => t * 1.10)] } };
        CompareResult r = Comparer.Run(a, b, ComparePolicy.Default, s_options);
        MetricComparison p99 = r.Metrics.Single(m => m.Metric.Name == "ttft_p99_s");
        Assert.Equal(Verdict.Regression, p99.Verdict);
        Assert.InRange(p99.RelativeDelta, 0.0999, 0.1001);
        Assert.True(p99.RelativeInterval.Low > 0.05, $"interval {p99.RelativeInterval}");
        Assert.Equal(CompareResult.ExitRegression, r.ExitCode);
        Assert.Equal(["ttft_p99_s"], r.Regressions.Select(m => m.Metric.Name));
    }

    [Fact]
    public void A_shift_smaller_than_the_limit_passes()
    {
        RunData a = RunData.Load(SharedRuns.Sarathi, false);
        RunData b = a with { Requests = a.Requests with { TtftS = [.. a.Requests.TtftS.Select(t => t * 1.02)] } };
        CompareResult r = Comparer.Run(a, b, ComparePolicy.Default, s_options);
        Assert.Equal(Verdict.Pass, r.Metrics.Single(m => m.Metric.Name == "ttft_p99_s").Verdict);
        Assert.Equal(CompareResult.ExitPass, r.ExitCode);
    }

    [Fact]
    public void Zero_mean_noise_is_not_called_a_regression_even_with_a_zero_limit()
    {
        RunData a = RunData.Load(SharedRuns.Sarathi, false);
        var rng = new Random(5);
        RunData b = a with { Requests = a.Requests with { TtftS = [.. a.Requests.TtftS.Select(t => t * (1 + 0.2 * (rng.NextDouble() - 0.5)))] } };
        var zero = PolicyParser.Parse("""{"metrics": {"ttft_mean_s": {"max_increase_pct": 0, "max_decrease_pct": 0}}}""", "zero");
        CompareResult r = Comparer.Run(a, b, zero, s_options);
        MetricComparison mean = r.Metrics.Single(m => m.Metric.Name == "ttft_mean_s");
        Assert.NotEqual(0, mean.Delta);
        Assert.True(mean.DeltaInterval.CoversZero, $"interval {mean.DeltaInterval}");
        Assert.NotEqual(Verdict.Regression, mean.Verdict);
        Assert.Equal(CompareResult.ExitPass, r.ExitCode);
    }

    [Fact]
    public void A_slower_gpu_regresses_ttft_and_runs_without_shared_ids_are_unpaired()
    {
        RunData a = RunData.Load(SharedRuns.Sarathi, false), slow = RunData.Load(SharedRuns.SarathiA100, false);
        CompareResult r = Comparer.Run(a, slow, ComparePolicy.Default, s_options);
        Assert.True(r.Paired);
        Assert.Contains(r.Regressions, m => m.Metric.Name == "ttft_p99_s");

        RunData shifted = slow with { Requests = slow.Requests with { Id = [.. slow.Requests.Id.Select(id => id + 1_000_000)] } };
        CompareResult unpaired = Comparer.Run(a, shifted, ComparePolicy.Default, s_options);
        Assert.False(unpaired.Paired);
        MetricComparison p = r.Metrics.Single(m => m.Metric.Name == "ttft_mean_s"), u = unpaired.Metrics.Single(m => m.Metric.Name == "ttft_mean_s");
        Assert.Equal(p.Delta, u.Delta, 12);
        // Pairing removes the request-mix noise both runs share: its interval is narrower.
        Assert.True(p.DeltaInterval.High - p.DeltaInterval.Low < u.DeltaInterval.High - u.DeltaInterval.Low);
    }

    [Fact]
    public void Same_seed_gives_byte_identical_markdown_and_junit()
    {
        RunData a = RunData.Load(SharedRuns.Sarathi, false), b = RunData.Load(SharedRuns.Vllm, false);
        CompareResult r1 = Comparer.Run(a, b, ComparePolicy.Default, s_options), r2 = Comparer.Run(a, b, ComparePolicy.Default, s_options);
        Assert.Equal(CompareMarkdown.Render(r1), CompareMarkdown.Render(r2));
        Assert.Equal(CompareJUnit.Render(r1), CompareJUnit.Render(r2));
        CompareResult other = Comparer.Run(a, b, ComparePolicy.Default, s_options with { Seed = 4 });
        Assert.NotEqual(CompareMarkdown.Render(r1), CompareMarkdown.Render(other));
    }

    [Fact]
    public void A_policy_metric_the_runs_cannot_give_is_an_error()
    {
        RunData a = RunData.Load(SharedRuns.Sarathi, false);
        RunData noSlo = a with { Requests = a.Requests with { SloMet = new bool?[a.Requests.Count] } };
        var policy = PolicyParser.Parse("""{"metrics": {"slo_attainment": {"max_decrease_points": 1}}}""", "p.json");
        var ex = Assert.Throws<InvalidDataException>(() => Comparer.Run(a, noSlo, policy, s_options));
        Assert.Contains("p.json: metrics.slo_attainment", ex.Message);
        Assert.Equal(CompareResult.ExitPass, Comparer.Run(a, noSlo, ComparePolicy.Default, s_options).ExitCode);
    }
}

using TraceReplay.Reports.Runs;
using TraceReplay.Simulation.Metrics;
using static TraceReplay.Simulation.Metrics.MetricNames;

namespace TraceReplay.Reports.Compare;

/// <summary>
/// The <see cref="MetricCatalog"/> metrics <c>compare</c> (and the report's tables) compute from requests.parquet so
/// they can be bootstrapped; with every request weighted once each equals summary.json's value of the same key
/// (tested), except <c>tbt_max_p99_s</c>, which summary.json does not have (its pooled <c>tbt_p99_s</c> needs every
/// gap, and requests.parquet keeps three per request).
/// </summary>
public static class ComparedMetrics
{
    private const string HeldFixed = " (the run's, held fixed)";

    public static readonly IReadOnlyList<MetricDefinition> All =
    [
        Quantile(TtftP50S, r => r.TtftS, 0.50),
        Quantile(TtftP90S, r => r.TtftS, 0.90),
        Quantile(TtftP99S, r => r.TtftS, 0.99),
        Def(TtftMeanS, run => PreparedMetric.Ratio(Finite(run.Requests.TtftS), Ones(run.Requests.TtftS))),
        Def(TbtMeanS, run => PreparedMetric.Ratio(GapSums(run.Requests), GapCounts(run.Requests))) with { Note = " (per-request mean x gaps)" },
        Def(TpotMeanS, run => PreparedMetric.Ratio(Finite(Tpot(run.Requests)), Ones(Tpot(run.Requests)))),
        Quantile(TpotP99S, Tpot, 0.99),
        Def(ItlMeanS, run => PreparedMetric.Ratio(GapSums(run.Requests), GapCounts(run.Requests))),
        Def(RequestThroughputPerS, run => PreparedMetric.Ratio([.. run.Requests.Completed.Select(c => c ? 1.0 : 0)], PerRequestDuration(run))) with { Note = HeldFixed },
        Quantile(TbtMaxP99S, r => r.TbtMaxS, 0.99),
        Quantile(E2eP50S, r => r.E2eS, 0.50),
        Quantile(E2eP99S, r => r.E2eS, 0.99),
        Def(SloAttainment, run => run.Requests.HasSlo ? PreparedMetric.Ratio([.. run.Requests.SloMet.Select(m => m == true ? 1.0 : 0.0)], Constant(run.Requests.Count, 1)) : null),
        Def(ThroughputTokensPerS, run => PreparedMetric.Ratio(Tokens(run.Requests), PerRequestDuration(run))) with { Note = HeldFixed },
        Def(EpImbalanceMean, run => run.Summary.Numbers.TryGetValue(EpImbalanceMean, out double v) && double.IsFinite(v)
                ? PreparedMetric.Ratio(Constant(run.Requests.Count, v), Constant(run.Requests.Count, 1)) : null) with
        {
            Note = " (summary.json; a run total, so the interval is empty); absent without --ep",
            Optional = true, Unavailable = $"has no {EpImbalanceMean} in summary.json (it was replayed without --ep)",
        },
        Def(EnergyPerTokenJ, run => PreparedMetric.Ratio(Constant(run.Requests.Count, run.Summary[EnergyJ] / Math.Max(1, run.Requests.Count)), Tokens(run.Requests)))
            with { Note = "; energy is a run total, so the interval reflects the token mix only" },
        Def(PrefixHitRate, run => double.IsFinite(run.Summary[PrefixHitTokens])
                ? PreparedMetric.Ratio(Constant(run.Requests.Count, run.Summary[PrefixHitTokens] / Math.Max(1, run.Requests.Count)), PromptTokens(run.Requests))
                : null) with
        {
            Note = "; hits are a run total (summary.json), so the interval reflects the prompt mix only; absent without block hashes",
            Optional = true, Unavailable = $"has no {PrefixHitTokens} in summary.json (its requests carry no block hashes)",
        },
        RunTotal(KvTransferMeanS),
        RunTotal(KvTransferP99S),
    ];

    public static IReadOnlyList<string> Names => [.. All.Select(m => m.Name)];

    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    private static MetricDefinition Def(string name, Func<RunData, PreparedMetric?> prepare) => new(MetricCatalog.Get(name), prepare);

    private static MetricDefinition Quantile(string name, Func<RequestData, double[]> column, double q) =>
        Def(name, run => PreparedMetric.Quantile(column(run.Requests), q));

    /// <summary>A summary.json figure with no per-request breakdown (a constant under resampling: its interval is 0); optional.</summary>
    private static MetricDefinition RunTotal(string name) =>
        Def(name, run => double.IsFinite(run.Summary[name]) ? PreparedMetric.Ratio(Constant(run.Requests.Count, run.Summary[name]), Constant(run.Requests.Count, 1)) : null) with
        {
            Note = "; from summary.json, so its interval is 0; absent when aggregated",
            Optional = true,
            Unavailable = $"has no {name} in summary.json (not a disaggregated replay)",
        };

    private static double[] PerRequestDuration(RunData run) => Constant(run.Requests.Count, run.Summary[SimDurationS] / Math.Max(1, run.Requests.Count));

    private static double[] Finite(double[] v) => [.. v.Select(x => double.IsFinite(x) ? x : 0)];

    private static double[] Ones(double[] v) => [.. v.Select(x => double.IsFinite(x) ? 1.0 : 0)];

    private static double[] Constant(int n, double value) => Enumerable.Repeat(value, n).ToArray();

    private static double[] GapCounts(RequestData r) =>
        [.. Enumerable.Range(0, r.Count).Select(i => r.Completed[i] && double.IsFinite(r.TbtMeanS[i]) ? Math.Max(0, r.GeneratedTokens[i] - 1.0) : 0)];

    private static double[] GapSums(RequestData r)
    {
        double[] gaps = GapCounts(r);
        return [.. Enumerable.Range(0, r.Count).Select(i => gaps[i] > 0 ? r.TbtMeanS[i] * gaps[i] : 0)];
    }

    /// <summary>Per request: (E2E - TTFT) / (generated - 1); NaN when rejected or with a single output token.</summary>
    private static double[] Tpot(RequestData r) =>
        [.. Enumerable.Range(0, r.Count).Select(i => r.Completed[i] && r.GeneratedTokens[i] > 1 ? (r.E2eS[i] - r.TtftS[i]) / (r.GeneratedTokens[i] - 1.0) : double.NaN)];

    private static double[] PromptTokens(RequestData r) =>
        [.. Enumerable.Range(0, r.Count).Select(i => r.Completed[i] ? (double)r.PromptTokens[i] : 0)];

    private static double[] Tokens(RequestData r) =>
        [.. Enumerable.Range(0, r.Count).Select(i => r.Completed[i] ? (double)r.PromptTokens[i] + r.GeneratedTokens[i] : 0)];
}

using TraceReplay.Reports.Runs;

namespace TraceReplay.Reports.Compare;

/// <summary>
/// Every metric <c>compare</c> knows. Each is computed from requests.parquet so it can be bootstrapped; with every
/// request weighted once it equals summary.json's value of the same key (tested), except <c>tbt_max_p99_s</c>, which
/// summary.json does not have (its pooled <c>tbt_p99_s</c> needs every gap, and requests.parquet keeps three per request).
/// </summary>
public static class MetricCatalog
{
    public static readonly IReadOnlyList<MetricDefinition> All =
    [
        Quantile("ttft_p50_s", "TTFT p50 of completed requests (nearest rank)", r => r.TtftS, 0.50),
        Quantile("ttft_p90_s", "TTFT p90 of completed requests (nearest rank)", r => r.TtftS, 0.90),
        Quantile("ttft_p99_s", "TTFT p99 of completed requests (nearest rank)", r => r.TtftS, 0.99),
        new("ttft_mean_s", "s", Better.Lower, "mean TTFT of completed requests",
            run => PreparedMetric.Ratio(Finite(run.Requests.TtftS), Ones(run.Requests.TtftS))),
        new("tbt_mean_s", "s", Better.Lower, "mean gap between tokens, pooled over every gap of every request (per-request mean x gaps)",
            run => PreparedMetric.Ratio(GapSums(run.Requests), GapCounts(run.Requests))),
        new("tpot_mean_s", "s", Better.Lower, "mean over completed requests of (E2E - TTFT) / (generated tokens - 1), one-token outputs left out (vLLM bench serve's and genai-perf's TPOT)",
            run => PreparedMetric.Ratio(Finite(Tpot(run.Requests)), Ones(Tpot(run.Requests)))),
        Quantile("tpot_p99_s", "p99 over completed requests of each one's TPOT (nearest rank; one-token outputs left out)", Tpot, 0.99),
        new("itl_mean_s", "s", Better.Lower, "inter-token latency: mean of every token gap of every request, token-weighted (vLLM bench serve's mean ITL; equals tbt_mean_s)",
            run => PreparedMetric.Ratio(GapSums(run.Requests), GapCounts(run.Requests))),
        new("request_throughput_per_s", "requests/s", Better.Higher, "completed requests / simulated duration (the run's, held fixed)",
            run => PreparedMetric.Ratio([.. run.Requests.Completed.Select(c => c ? 1.0 : 0)], Constant(run.Requests.Count, run.Summary["sim_duration_s"] / Math.Max(1, run.Requests.Count)))),
        Quantile("tbt_max_p99_s", "p99 over requests of each request's largest token gap (the gap an SLO on TBT checks)", r => r.TbtMaxS, 0.99),
        Quantile("e2e_p50_s", "end-to-end latency p50 of completed requests (nearest rank)", r => r.E2eS, 0.50),
        Quantile("e2e_p99_s", "end-to-end latency p99 of completed requests (nearest rank)", r => r.E2eS, 0.99),
        new("slo_attainment", "fraction", Better.Higher, "requests meeting the SLO / all requests (rejected ones count as missed)",
            run => run.Requests.HasSlo ? PreparedMetric.Ratio([.. run.Requests.SloMet.Select(m => m == true ? 1.0 : 0.0)], Constant(run.Requests.Count, 1)) : null),
        new("throughput_tokens_per_s", "tokens/s", Better.Higher, "prompt + generated tokens of completed requests / simulated duration (the run's, held fixed)",
            run => PreparedMetric.Ratio(Tokens(run.Requests), Constant(run.Requests.Count, run.Summary["sim_duration_s"] / Math.Max(1, run.Requests.Count)))),
        new("ep_imbalance_mean", "ratio", Better.Lower, "expert parallelism: mean over steps of max-rank / mean-rank expert assignments (summary.json; a run total, so the interval is empty); absent without --ep",
            run => run.Summary.Numbers.TryGetValue("ep_imbalance_mean", out double v) && double.IsFinite(v)
                ? PreparedMetric.Ratio(Constant(run.Requests.Count, v), Constant(run.Requests.Count, 1)) : null)
        { Optional = true, Unavailable = "has no ep_imbalance_mean in summary.json (it was replayed without --ep)" },
        new("energy_per_token_j", "J/token", Better.Lower, "estimated energy of the run / (prompt + generated tokens); energy is a run total, so the interval reflects the token mix only",
            run => PreparedMetric.Ratio(Constant(run.Requests.Count, run.Summary["energy_j"] / Math.Max(1, run.Requests.Count)), Tokens(run.Requests))),
        new("prefix_hit_rate", "fraction", Better.Higher, "prompt tokens found in the prefix cache / prompt tokens of completed requests; hits are a run total (summary.json), so the interval reflects the prompt mix only; absent without block hashes",
            run => double.IsFinite(run.Summary["prefix_hit_tokens"])
                ? PreparedMetric.Ratio(Constant(run.Requests.Count, run.Summary["prefix_hit_tokens"] / Math.Max(1, run.Requests.Count)), PromptTokens(run.Requests))
                : null) { Optional = true, Unavailable = "has no prefix_hit_tokens in summary.json (its requests carry no block hashes)" },
        RunTotal("kv_transfer_mean_s", "s", Better.Lower, "disaggregated serving: mean KV transfer time (decode block reservation to KV landed)"),
        RunTotal("kv_transfer_p99_s", "s", Better.Lower, "disaggregated serving: p99 KV transfer time (nearest rank)"),
    ];

    public static IReadOnlyList<string> Names => [.. All.Select(m => m.Name)];

    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    private static MetricDefinition Quantile(string name, string definition, Func<RequestData, double[]> column, double q) =>
        new(name, "s", Better.Lower, definition, run => PreparedMetric.Quantile(column(run.Requests), q));

    /// <summary>A summary.json figure with no per-request breakdown (a constant under resampling: its interval is 0); optional.</summary>
    private static MetricDefinition RunTotal(string name, string unit, Better better, string definition) =>
        new(name, unit, better, definition + "; from summary.json, so its interval is 0; absent when aggregated",
            run => double.IsFinite(run.Summary[name]) ? PreparedMetric.Ratio(Constant(run.Requests.Count, run.Summary[name]), Constant(run.Requests.Count, 1)) : null)
        {
            Optional = true,
            Unavailable = $"has no {name} in summary.json (not a disaggregated replay)",
        };

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

namespace TraceReplay.Reports.Compare;

/// <summary>The outcome of <c>compare</c>: every metric, how the bootstrap paired the runs, and the exit code.</summary>
public sealed record CompareResult(
    string BaselineLabel, string CandidateLabel, int BaselineRequests, int CandidateRequests, bool Paired,
    CompareOptions Options, ComparePolicy Policy, IReadOnlyList<MetricComparison> Metrics)
{
    public const int ExitPass = 0;
    public const int ExitRegression = 1;
    public const int ExitError = 2;

    public IEnumerable<MetricComparison> Regressions => Metrics.Where(m => m.Verdict == Verdict.Regression);

    public int ExitCode => Regressions.Any() ? ExitRegression : ExitPass;

    /// <summary>The metrics whose candidate value differs from the baseline at all.</summary>
    public IEnumerable<MetricComparison> Changed => Metrics.Where(m => !m.Identical);

    public string Method => Options.Exact
        ? "exact (point differences judged against the limits; no bootstrap)"
        : Paired
        ? "paired bootstrap (both runs replay the same request ids; requests resampled jointly)"
        : "unpaired bootstrap (request ids differ; each run resampled independently)";
}

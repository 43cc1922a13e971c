using TraceReplay.Reports.Stats;

namespace TraceReplay.Reports.Compare;

/// <summary>One metric of a comparison: point values, the delta (candidate - baseline) and its bootstrap intervals,
/// absolute and relative (candidate / baseline - 1), and the verdict with its reason.</summary>
public sealed record MetricComparison(
    MetricDefinition Metric, double Baseline, double Candidate, PercentileInterval DeltaInterval, PercentileInterval RelativeInterval,
    MetricLimit? Limit, Verdict Verdict, string Reason)
{
    public double Delta => Candidate - Baseline;

    public double RelativeDelta => Baseline != 0 ? Candidate / Baseline - 1 : double.NaN;

    /// <summary>"worse", "better" or "noise" (the interval covers zero), from the metric's good direction.</summary>
    public string Direction => !DeltaInterval.IsDefined || DeltaInterval.CoversZero ? "noise"
        : (DeltaInterval.Low > 0) == (Metric.Better == Better.Higher) ? "better" : "worse";
}

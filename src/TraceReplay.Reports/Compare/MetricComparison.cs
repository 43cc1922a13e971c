using TraceReplay.Reports.Stats;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Compare;

/// <summary>One metric of a comparison: point values, the delta (candidate - baseline) and its bootstrap intervals,
/// absolute and relative (candidate / baseline - 1; undefined when <paramref name="Exact"/>), and the verdict with its reason.</summary>
public sealed record MetricComparison(
    MetricDefinition Metric, double Baseline, double Candidate, PercentileInterval DeltaInterval, PercentileInterval RelativeInterval,
    MetricLimit? Limit, Verdict Verdict, string Reason, bool Exact = false)
{
    /// <summary>True when the candidate value is exactly the baseline value (both NaN counts as equal).</summary>
    public bool Identical => Candidate.Equals(Baseline);

    public double Delta => Candidate - Baseline;

    public double RelativeDelta => Baseline != 0 ? Candidate / Baseline - 1 : double.NaN;

    /// <summary>
    /// "identical" (no change at all), "better" or "worse" from the metric's good direction, or "noise": the interval
    /// covers zero, or the change rounds to 0.00 %. A zero change is neither better nor worse. With
    /// <see cref="Exact"/>, any change is better or worse by the sign of the point delta.
    /// </summary>
    public string Direction => Identical ? "identical"
        : Exact ? (!double.IsFinite(Delta) ? "changed" : (Delta > 0) == (Metric.Better == Better.Higher) ? "better" : "worse")
        : !DeltaInterval.IsDefined || DeltaInterval.CoversZero || Math.Abs(RelativeDelta) < 0.00005 ? "noise"
        : (DeltaInterval.Low > 0) == (Metric.Better == Better.Higher) ? "better" : "worse";
}

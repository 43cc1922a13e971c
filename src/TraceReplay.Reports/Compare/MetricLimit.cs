using System.Globalization;

namespace TraceReplay.Reports.Compare;

/// <summary>
/// How far one metric may move from the baseline. Each bound is optional and non-negative: percent of the baseline
/// value, absolute (in the metric's unit), or percentage points (fractions only, e.g. SLO attainment).
/// </summary>
public sealed record MetricLimit
{
    public double? MaxIncreasePct { get; init; }
    public double? MaxDecreasePct { get; init; }
    public double? MaxIncreaseAbs { get; init; }
    public double? MaxDecreaseAbs { get; init; }
    public double? MaxIncreasePoints { get; init; }
    public double? MaxDecreasePoints { get; init; }

    public bool IsEmpty => this == new MetricLimit();

    /// <summary>The policy text of the limit, e.g. "+5%" or "-1 pt, -0.5 abs".</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        Add(parts, MaxIncreasePct, "+", "%");
        Add(parts, MaxDecreasePct, "-", "%");
        Add(parts, MaxIncreaseAbs, "+", " abs");
        Add(parts, MaxDecreaseAbs, "-", " abs");
        Add(parts, MaxIncreasePoints, "+", " pt");
        Add(parts, MaxDecreasePoints, "-", " pt");
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static void Add(List<string> parts, double? v, string sign, string unit)
    {
        if (v.HasValue)
        {
            parts.Add(sign + v.Value.ToString("0.###", CultureInfo.InvariantCulture) + unit);
        }
    }
}

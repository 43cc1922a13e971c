using System.Globalization;
using TraceReplay.Reports.Stats;

namespace TraceReplay.Reports.Compare;

/// <summary>
/// The regression rule: a bound is broken only when the whole interval of the delta lies beyond it in the bad
/// direction (for an increase limit L: interval low &gt; L; for a decrease limit L: interval high &lt; -L). Limits are
/// &gt;= 0, so a delta whose interval covers zero is never a regression. A point delta beyond the limit with an
/// interval that reaches back inside it is <see cref="Verdict.Inconclusive"/>, which does not fail. When
/// <c>exact</c> (<c>compare --exact</c>), there is no interval: a point delta beyond the limit is a regression.
/// </summary>
public static class LimitJudge
{
    public static (Verdict Verdict, string Reason) Judge(
        double baseline, double candidate, PercentileInterval delta, PercentileInterval relative, MetricLimit? limit, bool exact = false)
    {
        if (limit is null)
        {
            return (Verdict.NotJudged, "no limit");
        }
        if (!double.IsFinite(baseline) || !double.IsFinite(candidate))
        {
            return double.IsFinite(baseline)
                ? (Verdict.Regression, "the candidate has no value where the baseline has one (no completed requests?)")
                : (Verdict.Pass, "the baseline has no value: nothing to compare against");
        }
        double point = candidate - baseline;
        double pointRel = baseline != 0 ? candidate / baseline - 1 : double.NaN;
        var results = new List<(Verdict, string)>();
        Check(results, limit.MaxIncreasePct, +1, pointRel * 100, Scale(relative, 100), "%", exact);
        Check(results, limit.MaxDecreasePct, -1, pointRel * 100, Scale(relative, 100), "%", exact);
        Check(results, limit.MaxIncreaseAbs, +1, point, delta, "", exact);
        Check(results, limit.MaxDecreaseAbs, -1, point, delta, "", exact);
        Check(results, limit.MaxIncreasePoints, +1, point * 100, Scale(delta, 100), " pt", exact);
        Check(results, limit.MaxDecreasePoints, -1, point * 100, Scale(delta, 100), " pt", exact);
        (Verdict v, string why) worst = results.MaxBy(r => r.Item1);
        return worst;
    }

    private static void Check(List<(Verdict, string)> results, double? bound, int sign, double point, PercentileInterval ci, string unit, bool exact)
    {
        if (!bound.HasValue)
        {
            return;
        }
        double limit = bound.Value;
        string what = $"{(sign > 0 ? "increase" : "decrease")} limit {F(limit)}{unit}";
        if (!double.IsFinite(point))
        {
            results.Add((Verdict.Inconclusive, $"{what}: delta undefined (baseline is 0)"));
            return;
        }
        // Distance past the limit in the bad direction: > 0 means beyond it.
        bool pointBeyond = sign * point > limit;
        if (exact)
        {
            results.Add(pointBeyond
                ? (Verdict.Regression, $"{what}: delta {F(point)}{unit} is beyond it (exact)")
                : (Verdict.Pass, $"{what}: delta {F(point)}{unit} within it (exact)"));
        }
        else if (ci.IsDefined && (sign > 0 ? ci.Low > limit : ci.High < -limit))
        {
            results.Add((Verdict.Regression, $"{what}: whole interval [{F(ci.Low)}, {F(ci.High)}]{unit} is beyond it"));
        }
        else if (pointBeyond)
        {
            results.Add((Verdict.Inconclusive, ci.IsDefined
                ? $"{what}: delta {F(point)}{unit} is beyond it but the interval [{F(ci.Low)}, {F(ci.High)}]{unit} reaches inside"
                : $"{what}: delta {F(point)}{unit} is beyond it; no interval"));
        }
        else
        {
            results.Add((Verdict.Pass, $"{what}: delta {F(point)}{unit} within it"));
        }
    }

    private static PercentileInterval Scale(PercentileInterval ci, double k) => new(ci.Low * k, ci.High * k);

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}

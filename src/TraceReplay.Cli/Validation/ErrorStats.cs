using TraceReplay.Reports.Stats;

namespace TraceReplay.Cli.Validation;

/// <summary>
/// Relative errors e = (predicted - measured) / measured of a group of rows: MAPE = mean |e|, the median and p90 of
/// |e| (nearest rank, as every percentile in TraceReplay), and the bias = mean e (positive: predicted too slow).
/// </summary>
public sealed record ErrorStats(int Count, double Mape, double MedianAbs, double P90Abs, double Bias)
{
    public static ErrorStats Of(IEnumerable<double> errors)
    {
        double[] e = [.. errors.Where(double.IsFinite)];
        if (e.Length == 0)
        {
            return new ErrorStats(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }
        double[] abs = [.. e.Select(Math.Abs)];
        int[] sorted = WeightedStats.SortedFiniteRows(abs);
        return new ErrorStats(e.Length, abs.Average(), WeightedStats.Quantile(abs, sorted, default, 0.5),
            WeightedStats.Quantile(abs, sorted, default, 0.9), e.Average());
    }

    /// <summary>The goal: TPOT median |e| &lt;= 5% and p90 &lt;= 15%.</summary>
    public bool MeetsTpotGoal => Count > 0 && MedianAbs <= 0.05 && P90Abs <= 0.15;

    /// <summary>The goal: TTFT median |e| &lt;= 10% and p90 &lt;= 25%.</summary>
    public bool MeetsTtftGoal => Count > 0 && MedianAbs <= 0.10 && P90Abs <= 0.25;
}

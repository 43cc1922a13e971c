using TraceReplay.Reports.Stats;

namespace TraceReplay.Reports.Compare;

/// <summary>A metric bound to one run's per-request data, evaluated under resample weights (empty = the run as is).</summary>
public abstract class PreparedMetric
{
    public abstract double Evaluate(ReadOnlySpan<int> counts);

    /// <summary>Nearest-rank quantile of a per-request value; NaN rows (rejected, no gaps) are left out.</summary>
    public static PreparedMetric Quantile(double[] values, double q) => new QuantileMetric(values, WeightedStats.SortedFiniteRows(values), q);

    /// <summary>sum(w x numerator) / sum(w x denominator) over all requests.</summary>
    public static PreparedMetric Ratio(double[] numerator, double[] denominator) => new RatioMetric(numerator, denominator);

    private sealed class QuantileMetric(double[] values, int[] sortedRows, double q) : PreparedMetric
    {
        public override double Evaluate(ReadOnlySpan<int> counts) => WeightedStats.Quantile(values, sortedRows, counts, q);
    }

    private sealed class RatioMetric(double[] numerator, double[] denominator) : PreparedMetric
    {
        public override double Evaluate(ReadOnlySpan<int> counts) => WeightedStats.Ratio(numerator, denominator, counts);
    }
}

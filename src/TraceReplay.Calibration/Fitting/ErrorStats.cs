namespace TraceReplay.Calibration.Fitting;

/// <summary>Absolute-percentage-error summary of predictions against measurements.</summary>
/// <param name="Count">Samples.</param>
/// <param name="MapePct">Mean absolute percentage error.</param>
/// <param name="MedianPct">Median absolute percentage error.</param>
/// <param name="P90Pct">90th percentile absolute percentage error.</param>
/// <param name="RelativeStdDev">Standard deviation of the signed relative residual (pred / measured - 1).</param>
/// <param name="BiasPct">Mean signed percentage error (positive = over-prediction).</param>
public readonly record struct ErrorStats(int Count, double MapePct, double MedianPct, double P90Pct, double RelativeStdDev, double BiasPct)
{
    public static ErrorStats Of(IReadOnlyList<(double Predicted, double Measured)> pairs)
    {
        if (pairs.Count == 0)
        {
            return new ErrorStats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }
        var ape = new double[pairs.Count];
        double sum = 0, sumSigned = 0, sumSq = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            double rel = pairs[i].Predicted / pairs[i].Measured - 1;
            ape[i] = Math.Abs(rel) * 100;
            sum += ape[i];
            sumSigned += rel;
            sumSq += rel * rel;
        }
        Array.Sort(ape);
        double mean = sumSigned / pairs.Count;
        double variance = Math.Max(0, sumSq / pairs.Count - mean * mean);
        return new ErrorStats(pairs.Count, sum / pairs.Count, Percentile(ape, 0.5), Percentile(ape, 0.9), Math.Sqrt(variance), mean * 100);
    }

    /// <summary>Quantile of a sorted array: nearest rank, as every TraceReplay output (<see cref="Core.Analysis.NearestRank"/>).</summary>
    public static double Percentile(double[] sorted, double q) => Core.Analysis.NearestRank.OfSorted(sorted, q);
}

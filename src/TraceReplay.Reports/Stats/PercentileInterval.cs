namespace TraceReplay.Reports.Stats;

/// <summary>A percentile bootstrap interval: the alpha/2 and 1 - alpha/2 nearest-rank quantiles of the resampled statistic.</summary>
public readonly record struct PercentileInterval(double Low, double High)
{
    public static readonly PercentileInterval Undefined = new(double.NaN, double.NaN);

    public bool IsDefined => double.IsFinite(Low) && double.IsFinite(High);

    /// <summary>True when the interval contains zero: the difference is inside the resampling noise.</summary>
    public bool CoversZero => IsDefined && Low <= 0 && High >= 0;

    /// <summary>Interval of the finite entries of <paramref name="samples"/> (sorted in place); undefined when fewer
    /// than half the resamples gave a finite value.</summary>
    public static PercentileInterval Of(double[] samples, double confidence)
    {
        double[] finite = [.. samples.Where(double.IsFinite)];
        if (finite.Length == 0 || finite.Length * 2 < samples.Length)
        {
            return Undefined;
        }
        Array.Sort(finite);
        double alpha = 1 - confidence;
        return new PercentileInterval(Rank(finite, alpha / 2), Rank(finite, 1 - alpha / 2));
    }

    private static double Rank(double[] sorted, double q) => Core.Analysis.NearestRank.OfSorted(sorted, q);
}

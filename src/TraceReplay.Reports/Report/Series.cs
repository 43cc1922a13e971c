namespace TraceReplay.Reports.Report;

/// <summary>Reductions of per-request and per-iteration columns to plottable series.</summary>
public static class Series
{
    /// <summary>Empirical CDF of the finite values: at most <paramref name="maxPoints"/> (x, fraction &lt;= x) pairs,
    /// taken at evenly spaced ranks so the curve keeps its shape (and the SVG stays small).</summary>
    public static (double[] X, double[] Y) Cdf(IEnumerable<double> values, int maxPoints = 400)
    {
        double[] v = [.. values.Where(double.IsFinite)];
        Array.Sort(v);
        if (v.Length == 0)
        {
            return ([], []);
        }
        int points = Math.Min(maxPoints, v.Length);
        var x = new double[points];
        var y = new double[points];
        for (int k = 0; k < points; k++)
        {
            int rank = points == v.Length ? k : (int)Math.Round((double)k * (v.Length - 1) / (points - 1));
            x[k] = v[rank];
            y[k] = (rank + 1.0) / v.Length;
        }
        return (x, y);
    }

    /// <summary>Nearest-rank quantile of the values whose time falls in each of <paramref name="bins"/> equal bins of
    /// [t0, t1]; NaN for empty bins. Returns bin centres.</summary>
    public static (double[] X, double[] Y) BinnedQuantile(double[] time, double[] value, double t0, double t1, int bins, double q)
    {
        var groups = new List<double>[bins];
        for (int b = 0; b < bins; b++)
        {
            groups[b] = [];
        }
        double width = Math.Max(t1 - t0, 1e-9) / bins;
        for (int i = 0; i < time.Length; i++)
        {
            if (double.IsFinite(value[i]) && double.IsFinite(time[i]))
            {
                groups[Math.Clamp((int)((time[i] - t0) / width), 0, bins - 1)].Add(value[i]);
            }
        }
        var x = new double[bins];
        var y = new double[bins];
        for (int b = 0; b < bins; b++)
        {
            x[b] = t0 + (b + 0.5) * width;
            groups[b].Sort();
            y[b] = groups[b].Count == 0 ? double.NaN : groups[b][Core.Analysis.NearestRank.Index(groups[b].Count, q)];
        }
        return (x, y);
    }

    /// <summary>Time average of a per-iteration quantity in each bin: sum(value x duration) / bin width, summed over
    /// instances. Each iteration is counted in the bin where it starts (iterations are far shorter than bins).</summary>
    public static (double[] X, double[] Y) TimeWeighted(double[] start, double[] duration, Func<int, double> value, double t0, double t1, int bins)
    {
        var x = new double[bins];
        var y = new double[bins];
        double width = Math.Max(t1 - t0, 1e-9) / bins;
        for (int i = 0; i < start.Length; i++)
        {
            y[Math.Clamp((int)((start[i] - t0) / width), 0, bins - 1)] += value(i) * duration[i];
        }
        for (int b = 0; b < bins; b++)
        {
            x[b] = t0 + (b + 0.5) * width;
            y[b] /= width;
        }
        return (x, y);
    }
}

namespace TraceReplay.Reports.Sweeps;

/// <summary>One row of sweep.parquet: a grid point and its summary metrics (keys as in summary.json; NaN = null).</summary>
public sealed record SweepRow(SweepPoint Point, IReadOnlyDictionary<string, double> Metrics)
{
    public double this[string key] => Metrics.TryGetValue(key, out double v) ? v : double.NaN;
}

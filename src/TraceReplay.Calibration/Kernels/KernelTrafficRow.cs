namespace TraceReplay.Calibration.Kernels;

/// <summary>
/// One kernel with measured DRAM bytes. <see cref="AnalyticBytes"/> is null where no shape is known;
/// <see cref="OpKind"/> is the annotated Core operator (snake_case), else null.
/// </summary>
public readonly record struct KernelTrafficRow(
    long? SourceRow, string? NameShort, string OpClass, double ReadBytes, double WriteBytes, double? AnalyticBytes, string? OpKind)
{
    public double MeasuredBytes => ReadBytes + WriteBytes;

    public double? MeasuredOverAnalytic => AnalyticBytes is double a && a > 0 && MeasuredBytes > 0 ? MeasuredBytes / a : null;
}

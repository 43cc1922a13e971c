using TraceReplay.Core.Kernels;

namespace TraceReplay.Calibration.Captures;

/// <summary>
/// One capture-kit shape: its annotation without <c>rep</c>, the kernel time of each repetition (sum of the kernels
/// inside that repetition's innermost <c>tr::</c> range), and their mean.
/// </summary>
public sealed record CaptureMeasurement(KernelAnnotation Shape, IReadOnlyList<double> RepUs, int Kernels)
{
    public double MeanUs => RepUs.Average();
}

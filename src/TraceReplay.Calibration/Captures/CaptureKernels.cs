namespace TraceReplay.Calibration.Captures;

/// <summary>What <see cref="CaptureKernelReader"/> read: measurements, and rows read = in a tr:: range + outside + not kernels + Nsight Compute rows; <c>Synthetic</c> when the kernels are capture.py --simulate output.</summary>
public sealed record CaptureKernels(string Path, IReadOnlyList<CaptureMeasurement> Measurements, int RowsRead, int RowsOutsideAnnotation, int RowsNotKernels, int RowsNcu, bool Synthetic);

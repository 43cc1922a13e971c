using TraceReplay.Calibration.Evaluation;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Calibration.Captures;

/// <summary>A capture-only calibration: the stored curves, what was read, the samples fitted and their evaluations per class.</summary>
public sealed record CaptureCalibrationResult(GpuSpec Gpu, GpuCalibration Calibration, CaptureKernels Read, IReadOnlyList<ProfileSample> Samples, IReadOnlyList<OpEvaluation> Classes);

using TraceReplay.Calibration.Evaluation;
using TraceReplay.Calibration.Kernels;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Calibration;

/// <summary>A calibration plus the evidence for it (what REPORT.md is written from).</summary>
public sealed class CalibrationResult
{
    public required GpuSpec Gpu { get; init; }
    public required GpuCalibration Calibration { get; init; }
    /// <summary>The GPU whose measurements were fitted: <see cref="Gpu"/> itself, or the source of a derived calibration.</summary>
    public required GpuSpec MeasuredGpu { get; init; }
    public required ProfileSet Profiles { get; init; }
    public required IReadOnlyList<OpEvaluation> Operators { get; init; }
    public required IReadOnlyList<OpEvaluation> Classes { get; init; }
    public KernelTrafficSummary? Kernels { get; init; }
    /// <summary>Curves fitted on measured serving kernels (or carried from the source GPU), with their evidence; null without <c>--kernel-db</c>.</summary>
    public KernelDb.KernelDbCalibration? KernelDb { get; init; }

    /// <summary>The operators held out by model (<see cref="CrossValidator.LeaveOneModelOut"/>): what the headline error is over.</summary>
    public IEnumerable<OpEvaluation> ModelHeldOut => Operators.Where(o => o.Scheme == CrossValidator.LeaveOneModelOut);
}

using TraceReplay.Calibration.Fitting;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.KernelDb;

/// <summary>One family's fitted curve on one GPU with its in-sample and held-out predictions (aligned with <see cref="Samples"/>).</summary>
public sealed class KernelFamilyFit
{
    public required string Family { get; init; }
    public required OpClass Class { get; init; }
    public required LatencyParams Params { get; init; }
    /// <summary>How the held-out predictions were made.</summary>
    public required string Scheme { get; init; }
    /// <summary>"vLLM 0.14.0 (gemm_perf.parquet)": what the curve was fitted on.</summary>
    public required string Provenance { get; init; }
    public required IReadOnlyList<KernelSample> Samples { get; init; }
    public required double[] InSampleUs { get; init; }
    /// <summary>Each sample predicted by a fit that never saw its group; NaN where the family has one group only.</summary>
    public required double[] HeldOutUs { get; init; }

    public int Groups => Samples.Select(s => s.Sample.Group).Distinct().Count();

    public ErrorStats HeldOut(Func<KernelSample, bool>? where = null) => Stats(HeldOutUs, where);

    public ErrorStats InSample(Func<KernelSample, bool>? where = null) => Stats(InSampleUs, where);

    private ErrorStats Stats(double[] predicted, Func<KernelSample, bool>? where)
    {
        var pairs = new List<(double, double)>(Samples.Count);
        for (int i = 0; i < Samples.Count; i++)
        {
            if (double.IsFinite(predicted[i]) && (where is null || where(Samples[i])))
            {
                pairs.Add((predicted[i], Samples[i].Sample.MeasuredUs));
            }
        }
        return ErrorStats.Of(pairs);
    }
}

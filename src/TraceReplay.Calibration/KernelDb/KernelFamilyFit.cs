using TraceReplay.Calibration.Fitting;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.KernelDb;

/// <summary>One family's fitted curve on one GPU with its in-sample and held-out predictions (aligned with <see cref="Samples"/>).</summary>
/// <param name="Scheme">How the held-out predictions were made.</param>
/// <param name="Provenance">"vLLM 0.14.0 (gemm_perf.parquet)": what the curve was fitted on.</param>
/// <param name="HeldOutUs">Each sample predicted by a fit that never saw its group; NaN where the family has one group only.</param>
public sealed record KernelFamilyFit(string Family, OpClass Class, LatencyParams Params, string Scheme, string Provenance,
    IReadOnlyList<KernelSample> Samples, double[] InSampleUs, double[] HeldOutUs)
{
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

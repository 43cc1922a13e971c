using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Evaluation;

/// <summary>Everything measured about one operator's curve on one GPU: in-sample fit, held-out and transfer predictions.</summary>
/// <param name="Scheme">How the held-out predictions were made (leave-one-model-out, context folds, leave-one-TP-out).</param>
/// <param name="InSample">Every sample predicted by the curve fitted on all of them (one prediction per sample).</param>
/// <param name="TransferFrom">Source GPU -> predictions of this GPU's samples from that GPU's fit carried over by spec ratios.</param>
public sealed record OpEvaluation(string Op, OpClass Class, string Scheme, LatencyParams Params, IReadOnlyList<Prediction> InSample,
    IReadOnlyList<Prediction> HeldOut, SortedDictionary<string, IReadOnlyList<Prediction>> TransferFrom)
{
    /// <summary>One curve fitted on <paramref name="samples"/>, predicted in sample and leave-one-group-out; no transfer predictions.</summary>
    public static OpEvaluation Fit(string op, OpClass cls, string scheme, IReadOnlyList<ProfileSample> samples, GpuSpec gpu)
    {
        LatencyParams p = LatencyFitter.Fit(samples, gpu, cls);
        return new OpEvaluation(op, cls, scheme, p, CrossValidator.Predict(samples, gpu, p), CrossValidator.LeaveOneGroupOut(samples, gpu, cls),
            new SortedDictionary<string, IReadOnlyList<Prediction>>(StringComparer.Ordinal));
    }

    /// <summary>The curve as stored in calibration.json; its error is the held-out one, or the in-sample one where nothing could be held out.</summary>
    public OperatorCalibration Stored(string source) =>
        OperatorCalibration.From(Params, Class.ToName(), source, InSample.Count, Stats(HeldOut.Count > 0 ? HeldOut : InSample));

    public static ErrorStats Stats(IEnumerable<Prediction> p) => ErrorStats.Of([.. p.Select(x => (x.PredictedUs, x.MeasuredUs))]);
}

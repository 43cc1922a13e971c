using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Evaluation;

/// <summary>Leave-one-group-out cross-validation: fit on every other group, predict the left-out one.</summary>
public static class CrossValidator
{
    public static List<Prediction> LeaveOneGroupOut(IReadOnlyList<ProfileSample> samples, GpuSpec gpu, OpClass cls)
    {
        var result = new List<Prediction>(samples.Count);
        string[] groups = [.. samples.Select(s => s.Group).Distinct().Order(StringComparer.Ordinal)];
        if (groups.Length < 2)
        {
            return result; // nothing to hold out against; the report says so
        }
        // Folds are independent fits: run them in parallel, then append in group order (same bytes as sequential).
        var byFold = new List<Prediction>[groups.Length];
        Parallel.For(0, groups.Length, i =>
        {
            string g = groups[i];
            List<ProfileSample> train = [.. samples.Where(s => s.Group != g)];
            LatencyParams p = LatencyFitter.Fit(train, gpu, cls);
            byFold[i] = [.. samples.Where(s => s.Group == g).Select(s => new Prediction(g, LatencyForm.PredictUs(s.Op, gpu, p), s.MeasuredUs, s.Op.Tokens, s.Op.TpDegree))];
        });
        foreach (List<Prediction> fold in byFold)
        {
            result.AddRange(fold);
        }
        return result;
    }

    public static List<Prediction> Predict(IReadOnlyList<ProfileSample> samples, GpuSpec gpu, LatencyParams p) =>
        [.. samples.Select(s => new Prediction(s.Group, LatencyForm.PredictUs(s.Op, gpu, p), s.MeasuredUs, s.Op.Tokens, s.Op.TpDegree))];

    /// <summary>The scheme of every operator profiled on more than one model: the headline held-out error.</summary>
    public const string LeaveOneModelOut = "leave-one-model-out";
    public const string LeaveOneGpuCountOut = "leave-one-GPU-count-out";

    public static string SchemeOf(string op, IReadOnlyList<ProfileSample> samples) =>
        samples.Count > 0 && samples[0].Group.StartsWith("context fold", StringComparison.Ordinal)
            ? $"{ProfileLoader.AttentionFolds}-fold by context length (one attention shape profiled: no model to leave out)"
            : op == VidurOps.AllReduce ? LeaveOneGpuCountOut : LeaveOneModelOut;
}

using TraceReplay.Calibration.Fitting;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Evaluation;

/// <summary>Everything measured about one operator's curve on one GPU: in-sample fit, held-out and transfer predictions.</summary>
public sealed class OpEvaluation
{
    public required string Op { get; init; }
    public required OpClass Class { get; init; }
    /// <summary>How the held-out predictions were made (leave-one-model-out, context folds, leave-one-TP-out).</summary>
    public required string Scheme { get; init; }
    public required LatencyParams Params { get; init; }
    public required IReadOnlyList<Prediction> InSample { get; init; }
    public required IReadOnlyList<Prediction> HeldOut { get; init; }
    /// <summary>Source GPU -> predictions of this GPU's samples from that GPU's fit carried over by spec ratios.</summary>
    public required SortedDictionary<string, IReadOnlyList<Prediction>> TransferFrom { get; init; }

    public static ErrorStats Stats(IEnumerable<Prediction> p) => ErrorStats.Of([.. p.Select(x => (x.PredictedUs, x.MeasuredUs))]);
}

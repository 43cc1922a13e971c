using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Calibration.Model;

/// <summary>
/// Picks the cost model for <c>--cost-model calibrated|calibrated-skip-masked|roofline</c>. <c>calibrated</c> uses the calibration in
/// <c>calibrationPath</c> when given, else the embedded default for the GPU; when there is none it falls back to the
/// roofline and says so in <c>provenance</c> (every output that uses the model should print that line).
/// </summary>
public static class CostModelFactory
{
    /// <summary>The calibrated model with <see cref="MaskedPairs.Skipped"/>: an ideal causal prefill attention kernel.</summary>
    public const string SkipMaskedKind = "calibrated-skip-masked";

    public static ICostModel Create(string kind, GpuSpec gpu, out string provenance) => Create(kind, gpu, null, out provenance);

    /// <param name="maskedPairs">How the calibrated model costs prefill attention's masked pairs (see <see cref="MaskedPairs"/>).</param>
    public static ICostModel Create(string kind, GpuSpec gpu, string? calibrationPath, out string provenance, MaskedPairs maskedPairs = MaskedPairs.AsProfiled)
    {
        string k = kind.Trim().ToLowerInvariant();
        if (k == SkipMaskedKind)
        {
            // What-if: the same calibration with prefill attention as an ideal causal kernel (masked tiles skipped).
            (k, maskedPairs) = ("calibrated", MaskedPairs.Skipped);
        }
        switch (k)
        {
            case "roofline":
                var roofline = new RooflineCostModel(gpu);
                provenance = roofline.Provenance;
                return roofline;
            case "calibrated":
                GpuCalibration? cal = calibrationPath is not null ? CalibrationStore.Load(calibrationPath) : CalibrationStore.TryEmbedded(gpu.ShortName);
                if (cal is null)
                {
                    var fallback = new RooflineCostModel(gpu);
                    provenance = $"no calibration for {gpu.ShortName} (embedded: {string.Join(", ", CalibrationStore.Embedded)}); using the {fallback.Provenance}";
                    return fallback;
                }
                if (!string.Equals(cal.Gpu, gpu.ShortName, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException($"calibration {calibrationPath} is for GPU '{cal.Gpu}', not '{gpu.ShortName}'");
                }
                var model = new CalibratedCostModel(gpu, cal, maskedPairs);
                provenance = model.Provenance;
                return model;
            default:
                throw new ArgumentException($"--cost-model '{kind}': expected calibrated, {SkipMaskedKind} or roofline");
        }
    }
}

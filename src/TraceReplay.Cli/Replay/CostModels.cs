using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Cli.Replay;

/// <summary>
/// Seam between <c>--cost-model</c> and the cost models. Calibration (TraceReplay.Calibration.CostModelFactory) is
/// being built on another branch; until it merges only the uncalibrated roofline is available here.
/// </summary>
public static class CostModels
{
    public static readonly string[] Kinds = ["roofline", "calibrated"];

    public static ICostModel Resolve(string kind, GpuSpec gpu) => kind.Trim().ToLowerInvariant() switch
    {
        "roofline" => new RooflineCostModel(gpu),
        "calibrated" => throw new ArgumentException(
            $"--cost-model calibrated: no calibration available yet for {gpu.ShortName} (calibration is not in this build); use --cost-model roofline"),
        _ => throw new ArgumentException($"--cost-model '{kind}': expected one of {string.Join(", ", Kinds)}"),
    };
}

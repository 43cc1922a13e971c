using System.Text.Json.Serialization;

namespace TraceReplay.Calibration.Model;

/// <summary>
/// Measured-over-analytic HBM bytes for one op class. Replay multiplies the class's analytic bytes by the ratio only
/// when <see cref="Applied"/> (at least <see cref="MinSamplesToApply"/> kernels back it); otherwise it is reported only.
/// </summary>
public sealed record HbmCorrection
{
    /// <summary>
    /// Fewest profiled kernels whose geometric mean may correct replay's bytes. One or two kernels cannot show the
    /// spread of the ratio, nor separate a class-wide bias from one kernel's quirk (e.g. ncu missing writes left in L2).
    /// </summary>
    public const int MinSamplesToApply = 3;

    /// <summary>Geometric mean of measured DRAM bytes / analytic bytes over the samples.</summary>
    [JsonPropertyName("measured_over_analytic")] public required double MeasuredOverAnalytic { get; init; }
    [JsonPropertyName("samples")] public required int Samples { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }
    /// <summary>Whether replay uses the ratio (absent in older files, whose ratios were all applied).</summary>
    [JsonPropertyName("applied")] public bool Applied { get; init; } = true;

    /// <summary>The factor replay multiplies analytic bytes by: the ratio when applied, else 1.</summary>
    [JsonIgnore] public double Factor => Applied ? MeasuredOverAnalytic : 1.0;
}

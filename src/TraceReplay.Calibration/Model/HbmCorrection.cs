using System.Text.Json.Serialization;

namespace TraceReplay.Calibration.Model;

/// <summary>Measured-over-analytic HBM bytes for one op class (1 where nothing was measured).</summary>
public sealed record HbmCorrection
{
    /// <summary>Geometric mean of measured DRAM bytes / analytic bytes over the samples.</summary>
    [JsonPropertyName("measured_over_analytic")] public required double MeasuredOverAnalytic { get; init; }
    [JsonPropertyName("samples")] public required int Samples { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }
}

using System.Text.Json.Serialization;

namespace TraceReplay.Calibration.Model;

/// <summary>Source-generated metadata for calibration.json (keys from the members' [JsonPropertyName]; every member
/// written, nulls included; NaN as "NaN"), so loading and saving need no reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(GpuCalibration))]
public sealed partial class CalibrationJsonContext : JsonSerializerContext;

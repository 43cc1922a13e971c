using System.Text.Json.Serialization;

namespace TraceReplay.Calibration.Model;

public sealed record ProfileInputJson(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256);

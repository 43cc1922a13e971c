using System.Text.Json.Serialization;

namespace TraceReplay.Core.Cost;

/// <summary>Achievable fraction of peak for one operator class, and its fixed per-kernel overhead.</summary>
public sealed record ClassEfficiency(
    [property: JsonPropertyName("compute")] double Compute,
    [property: JsonPropertyName("memory")] double Memory,
    [property: JsonPropertyName("overhead_us")] double OverheadUs);

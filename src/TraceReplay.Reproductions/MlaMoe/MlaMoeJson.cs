using System.Text.Json.Serialization;

namespace TraceReplay.Reproductions.MlaMoe;

/// <summary>The shape of mla-moe.json. Its rows keep their members' PascalCase names, as this file always has
/// (a contract for the scripts that read it); NaN is written as "NaN".</summary>
public sealed record MlaMoeJson(
    [property: JsonPropertyName("attention")] IReadOnlyList<AttentionIntensityRow> Attention,
    [property: JsonPropertyName("moe_ridge")] IReadOnlyList<MoeRidgeRow> MoeRidge,
    [property: JsonPropertyName("capacity_bound")] IReadOnlyList<CapacityBoundRow> CapacityBound);

[JsonSourceGenerationOptions(WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(MlaMoeJson))]
public sealed partial class MlaMoeJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using TraceReplay.Core.IO;

namespace TraceReplay.Simulation.Output;

/// <summary>Source-generated System.Text.Json metadata for summary.json (no reflection: trimming- and AOT-safe).
/// Keys not named by an attribute are the members' names in snake_case.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never, Converters = [typeof(FiniteOrNullConverter)])]
[JsonSerializable(typeof(SummaryJson))]
public sealed partial class SimulationJsonContext : JsonSerializerContext;

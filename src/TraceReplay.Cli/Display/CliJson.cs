using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.IO;

namespace TraceReplay.Cli.Display;

/// <summary>JSON written to stdout by <c>--json</c>: indented, keys in snake_case like every other JSON output
/// (summary.json, calibration.json), also for records serialized as they are (<c>gpus --json</c>); an undefined
/// figure (NaN) is null. Source-generated (<see cref="CliJsonContext"/>), so no reflection.</summary>
public static class CliJson
{
    public static void Print<T>(T value, JsonTypeInfo<T> type) => Console.WriteLine(JsonSerializer.Serialize(value, type));
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(FiniteOrNullConverter)])]
[JsonSerializable(typeof(IReadOnlyList<GpuSpec>))]
[JsonSerializable(typeof(IReadOnlyList<ModelJson>))]
[JsonSerializable(typeof(IntensityJson))]
[JsonSerializable(typeof(CaptureJson))]
public sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary><c>models --json</c>: one model.</summary>
public sealed record ModelJson(string Name, string? HfId, string Family, int Layers, int Hidden, string Attention, int Experts, int TopK,
    long ParamsTotal, long ParamsActive, double? ParamsPublished, double WeightBytes, double KvBytesPerToken, double ExpertWeightBytes);

/// <summary><c>analyze intensity --json</c>: the setting and ridge figures, then one entry per operator.</summary>
public sealed record IntensityJson(IntensitySummaryJson Summary, IReadOnlyList<IntensityOperatorJson> Operators);

public sealed record IntensitySummaryJson(string Model, string Gpu, int Tp, int Batch, int Context, double RidgeFlopsPerByte,
    double MoeRidgeBatchTokens, double AttentionDecodeScoreFlopsPerByte, double AttentionDecodeFusedFlopsPerByte, double KvBytesPerToken);

public sealed record IntensityOperatorJson(string Phase, string LayerKind, string Operator, string OpClass, double Flops, double HbmBytes, double FlopsPerByte);

/// <summary><c>capture --json</c>: what was recorded and written.</summary>
public sealed record CaptureJson(string Output, int Pid, double DurationS, long RequestsWritten, long PromptTokens, long OutputTokens,
    int IncompleteRequests, long OrphanEvents, long DuplicateArrivals, long EventsRead, long EventsLost, double? TtftP50Ms, double? E2eP50Ms);

using System.Text.Json;

namespace TraceReplay.Cli.Display;

/// <summary>JSON written to stdout by <c>--json</c>: indented, keys in snake_case like every other JSON output
/// (summary.json, calibration.json), also for records serialized as they are (<c>gpus --json</c>).</summary>
public static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

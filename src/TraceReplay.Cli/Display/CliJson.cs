using System.Text.Json;

namespace TraceReplay.Cli.Display;

public static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true };
}

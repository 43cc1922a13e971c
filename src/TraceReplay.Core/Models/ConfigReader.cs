using System.Text.Json;

namespace TraceReplay.Core.Models;

/// <summary>Typed, null-tolerant field access over a JSON object, with errors that name the file and field.</summary>
internal readonly struct ConfigReader(JsonElement root, string source)
{
    public JsonElement Root { get; } = root;
    public string Source { get; } = source;

    public int? Int(string field) => TryGet(field, out JsonElement e) ? e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt32(out int v) => v,
        JsonValueKind.Number => (int)e.GetDouble(),
        _ => throw Wrong(field, e, "an integer"),
    } : null;

    public double? Double(string field) => TryGet(field, out JsonElement e)
        ? e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw Wrong(field, e, "a number")
        : null;

    public bool? Bool(string field) => TryGet(field, out JsonElement e) ? e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Wrong(field, e, "true or false"),
    } : null;

    public string? String(string field) => TryGet(field, out JsonElement e) ? e.ToString() : null;

    public int RequiredInt(string field) => Int(field) ?? throw Missing(field, "an integer");

    public int[] IntArray(string field) => TryGet(field, out JsonElement e) && e.ValueKind == JsonValueKind.Array
        ? [.. e.EnumerateArray().Select(x => x.GetInt32())] : [];

    public string[] StringArray(string field) => TryGet(field, out JsonElement e) && e.ValueKind == JsonValueKind.Array
        ? [.. e.EnumerateArray().Select(x => x.GetString() ?? "")] : [];

    public InvalidDataException Missing(string field, string expected) =>
        new($"{Source}: required field '{field}' is missing; expected {expected}");

    private InvalidDataException Wrong(string field, JsonElement e, string expected) =>
        new($"{Source}: field '{field}' is {e.GetRawText()}; expected {expected}");

    private bool TryGet(string field, out JsonElement e) =>
        Root.TryGetProperty(field, out e) && e.ValueKind != JsonValueKind.Null;
}

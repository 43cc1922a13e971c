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
        JsonValueKind.Number when e.TryGetDouble(out double d) && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue => (int)d,
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

    /// <summary>A required count in [<paramref name="min"/>, <paramref name="max"/>] (layers, heads, sizes): 0 or absurd values are errors.</summary>
    public int Count(string field, int max, int min = 1) => InRange(field, RequiredInt(field), min, max);

    /// <summary>An optional count; when present it must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int? OptionalCount(string field, int max, int min = 1) => Int(field) is int v ? InRange(field, v, min, max) : null;

    public int InRange(string field, int value, int min, int max) => value >= min && value <= max ? value
        : throw new InvalidDataException($"{Source}: field '{field}' is {value}; expected an integer in [{min}, {max}]");

    public int[] IntArray(string field)
    {
        if (!TryGet(field, out JsonElement e) || e.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var result = new List<int>();
        foreach (JsonElement x in e.EnumerateArray())
        {
            result.Add(x.ValueKind == JsonValueKind.Number && x.TryGetInt32(out int v) ? v : throw Wrong(field, e, "an array of integers"));
        }
        return [.. result];
    }

    public string[] StringArray(string field)
    {
        if (!TryGet(field, out JsonElement e) || e.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var result = new List<string>();
        foreach (JsonElement x in e.EnumerateArray())
        {
            result.Add(x.ValueKind == JsonValueKind.String ? x.GetString()! : throw Wrong(field, e, "an array of strings"));
        }
        return [.. result];
    }

    public InvalidDataException Missing(string field, string expected) =>
        new($"{Source}: required field '{field}' is missing; expected {expected}");

    private InvalidDataException Wrong(string field, JsonElement e, string expected) =>
        new($"{Source}: field '{field}' is {e.GetRawText()}; expected {expected}");

    private bool TryGet(string field, out JsonElement e)
    {
        e = default;
        return Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty(field, out e) && e.ValueKind != JsonValueKind.Null;
    }
}

using System.Globalization;
using System.Text.Json;

namespace TraceReplay.Reports.Runs;

/// <summary>A replay's <c>summary.json</c>: its top-level numbers (null as NaN) and strings, and its <c>run</c> provenance as text.</summary>
public sealed record SummaryFile(IReadOnlyDictionary<string, double> Numbers, IReadOnlyDictionary<string, string> Strings, IReadOnlyDictionary<string, string> Run)
{
    public const string FileName = "summary.json";

    public double this[string key] => Numbers.TryGetValue(key, out double v) ? v : double.NaN;

    /// <summary><c>prefix_cache_per_instance</c>: per instance, its numbers (instance, prompt_tokens,
    /// prefix_hit_tokens, prefix_hit_rate); empty when the run's requests had no block hashes.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> PrefixCachePerInstance { get; init; } = [];

    /// <summary>Disaggregated replays' <c>pools</c> (prefill, decode): each pool's numbers; empty when aggregated.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Pools { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, double>>();

    public string RunValue(string key) => Run.TryGetValue(key, out string? v) ? v : "";

    public static SummaryFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file (expected a replay output folder with summary.json)");
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: line {ex.LineNumber + 1}: not valid JSON: {ex.Message}", ex);
        }
        using (doc)
        {
            try
            {
                return Parse(doc, path);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                // Invalid UTF-8 in a string or a value System.Text.Json cannot convert: bad input naming the file.
                throw new InvalidDataException($"{path}: malformed JSON value ({ex.Message})", ex);
            }
        }
    }

    private static SummaryFile Parse(JsonDocument doc, string path)
    {
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: expected a JSON object at the top level");
        }
        var numbers = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var strings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var run = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var perInstance = new List<IReadOnlyDictionary<string, double>>();
        var pools = new SortedDictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Number)
            {
                numbers[p.Name] = p.Value.GetDouble();
            }
            else if (p.Value.ValueKind == JsonValueKind.Null)
            {
                numbers[p.Name] = double.NaN;
            }
            else if (p.Value.ValueKind == JsonValueKind.String)
            {
                strings[p.Name] = p.Value.GetString()!;
            }
            else if (p.Name == "prefix_cache_per_instance" && p.Value.ValueKind == JsonValueKind.Array)
            {
                perInstance.AddRange(p.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(NumericMembers));
            }
            else if (p.Name == "pools" && p.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty pool in p.Value.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.Object))
                {
                    pools[pool.Name] = NumericMembers(pool.Value);
                }
            }
            else if (p.Name == "run" && p.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty r in p.Value.EnumerateObject())
                {
                    run[r.Name] = r.Value.ValueKind switch
                    {
                        JsonValueKind.String => r.Value.GetString()!,
                        JsonValueKind.Null => "",
                        JsonValueKind.Number => r.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                        _ => r.Value.GetRawText(),
                    };
                }
            }
        }
        return new SummaryFile(numbers, strings, run) { PrefixCachePerInstance = perInstance, Pools = pools };
    }

    /// <summary>An object's numeric members (null and non-numbers as NaN).</summary>
    private static IReadOnlyDictionary<string, double> NumericMembers(JsonElement e) =>
        e.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.ValueKind == JsonValueKind.Number ? x.Value.GetDouble() : double.NaN, StringComparer.Ordinal);
}

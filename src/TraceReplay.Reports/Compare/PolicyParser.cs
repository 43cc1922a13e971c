using System.Text.Json;

namespace TraceReplay.Reports.Compare;

/// <summary>
/// Reads a policy file (grammar in docs/reports.md):
/// <code>{ "metrics": { "ttft_p99_s": { "max_increase_pct": 5 }, "slo_attainment": { "max_decrease_points": 1 } } }</code>
/// Unknown keys, unknown metrics, negative or non-numeric limits and points on non-fractions are errors that name
/// the file and the JSON path; nothing is silently ignored.
/// </summary>
public static class PolicyParser
{
    public static readonly string[] LimitKeys =
        ["max_increase_pct", "max_decrease_pct", "max_increase_abs", "max_decrease_abs", "max_increase_points", "max_decrease_points"];

    public static ComparePolicy ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such policy file");
        }
        return Parse(File.ReadAllText(path), path);
    }

    public static ComparePolicy Parse(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: line {ex.LineNumber + 1}: not valid JSON ({ex.Message})", ex);
        }
        using (doc)
        {
            JsonElement root = doc.RootElement;
            Expect(root.ValueKind == JsonValueKind.Object, source, "(top level)", "an object with a \"metrics\" object");
            foreach (JsonProperty p in root.EnumerateObject())
            {
                Expect(p.Name == "metrics", source, p.Name, "only the key \"metrics\" at the top level");
            }
            Expect(root.TryGetProperty("metrics", out JsonElement metrics) && metrics.ValueKind == JsonValueKind.Object,
                source, "metrics", "an object mapping metric names to limits");
            var limits = new SortedDictionary<string, MetricLimit>(StringComparer.Ordinal);
            foreach (JsonProperty m in metrics.EnumerateObject())
            {
                MetricDefinition def = ComparedMetrics.Find(m.Name) ?? throw Error(source, $"metrics.{m.Name}",
                    $"a known metric: {string.Join(", ", ComparedMetrics.Names)}");
                Expect(!limits.ContainsKey(m.Name), source, $"metrics.{m.Name}", "each metric once");
                limits[m.Name] = ParseLimit(m.Value, def, source);
            }
            Expect(limits.Count > 0, source, "metrics", "at least one metric with a limit");
            return new ComparePolicy(limits, source, SkipUnavailable: false);
        }
    }

    private static MetricLimit ParseLimit(JsonElement e, MetricDefinition def, string source)
    {
        string at = $"metrics.{def.Name}";
        Expect(e.ValueKind == JsonValueKind.Object, source, at, $"an object with one or more of {string.Join(", ", LimitKeys)}");
        var limit = new MetricLimit();
        foreach (JsonProperty p in e.EnumerateObject())
        {
            string key = $"{at}.{p.Name}";
            Expect(LimitKeys.Contains(p.Name), source, key, $"one of {string.Join(", ", LimitKeys)}");
            Expect(p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetDouble(out double v) && double.IsFinite(v) && v >= 0,
                source, key, $"a finite number >= 0, got {p.Value.GetRawText()}");
            double x = p.Value.GetDouble();
            Expect(!p.Name.EndsWith("_points", StringComparison.Ordinal) || def.IsFraction, source, key,
                $"percentage points only on fractions (slo_attainment); use _pct or _abs for {def.Name}");
            limit = p.Name switch
            {
                "max_increase_pct" => limit with { MaxIncreasePct = x },
                "max_decrease_pct" => limit with { MaxDecreasePct = x },
                "max_increase_abs" => limit with { MaxIncreaseAbs = x },
                "max_decrease_abs" => limit with { MaxDecreaseAbs = x },
                "max_increase_points" => limit with { MaxIncreasePoints = x },
                _ => limit with { MaxDecreasePoints = x },
            };
        }
        Expect(!limit.IsEmpty, source, at, $"at least one of {string.Join(", ", LimitKeys)}");
        return limit;
    }

    private static void Expect(bool ok, string source, string at, string expected)
    {
        if (!ok)
        {
            throw Error(source, at, expected);
        }
    }

    private static InvalidDataException Error(string source, string at, string expected) => new($"{source}: {at}: expected {expected}");
}

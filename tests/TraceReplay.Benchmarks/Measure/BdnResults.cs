using System.Text.Json;
using System.Text.RegularExpressions;

namespace TraceReplay.Benchmarks.Measure;

/// <summary>One benchmark case from BenchmarkDotNet's full JSON export (<c>--exporters json</c>).</summary>
public sealed partial record BdnCase(string Type, string Method, IReadOnlyDictionary<string, string> Parameters, double MeanNs, double StdDevNs, long AllocatedBytes)
{
    public string Param(string name) => Parameters.TryGetValue(name, out string? v) ? v : "";

    /// <summary>Every case of every <c>*-report-full*.json</c> under <paramref name="directory"/>, and the host line of the first.</summary>
    public static (List<BdnCase> Cases, string Host) Load(string directory)
    {
        var cases = new List<BdnCase>();
        string host = "";
        foreach (string file in Directory.EnumerateFiles(directory, "*-report-full*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
            JsonElement root = doc.RootElement;
            if (host.Length == 0 && root.TryGetProperty("HostEnvironmentInfo", out JsonElement h))
            {
                host = $"{Str(h, "OsVersion")}; {Str(h, "ProcessorName")}, {Str(h, "LogicalCoreCount")} logical cores; {Str(h, "RuntimeVersion")}; {Str(h, "BenchmarkDotNetCaption")} {Str(h, "BenchmarkDotNetVersion")}";
            }
            foreach (JsonElement b in root.GetProperty("Benchmarks").EnumerateArray())
            {
                // "Parameters" abbreviates long values ("codel(...)rathi"); FullName has them whole: M(Tile: 1, Config: "x").
                var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (Match p in s_parameter.Matches(Str(b, "FullName")))
                {
                    parameters[p.Groups[1].Value] = p.Groups[3].Success ? p.Groups[3].Value : p.Groups[2].Value.Trim();
                }
                double mean = double.NaN, sd = double.NaN;
                if (b.TryGetProperty("Statistics", out JsonElement s) && s.ValueKind == JsonValueKind.Object)
                {
                    mean = s.GetProperty("Mean").GetDouble();
                    sd = s.GetProperty("StandardDeviation").GetDouble();
                }
                long alloc = b.TryGetProperty("Memory", out JsonElement m) && m.ValueKind == JsonValueKind.Object ? m.GetProperty("BytesAllocatedPerOperation").GetInt64() : -1;
                cases.Add(new BdnCase(Str(b, "Type"), Str(b, "Method"), parameters, mean, sd, alloc));
            }
        }
        return (cases, host);
    }

    private static readonly Regex s_parameter = ParameterRegex();

    [GeneratedRegex("""(\w+): ("([^"]*)"|[^,)]+)""")]
    private static partial Regex ParameterRegex();

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText() : "";
}

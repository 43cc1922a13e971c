using System.Globalization;
using System.Text.Json;
using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// ServeGen length PDFs: <c>{"&lt;period_start_s&gt;": {"input_tokens": "{4: 7.2e-05, ...}", "output_tokens": ...}}</c>,
/// whose values are Python dict literals inside strings. Sampling is by inverse CDF over the tabulated values.
/// </summary>
internal sealed class ServeGenLengths
{
    /// <summary>Largest token count a length PDF may hold (longer than any model context).</summary>
    public const int MaxTokens = 100_000_000;

    private readonly List<(double StartS, Pdf Input, Pdf Output)> _periods = [];

    public static ServeGenLengths Load(string path) => JsonInput.Read(path, () => JsonDocument.Parse(File.ReadAllBytes(path)),
        ex => IngestException.File(path, $"line {ex.LineNumber + 1}: not valid JSON ({ex.Message})"), root => FromRoot(root, path));

    private static ServeGenLengths FromRoot(JsonElement root, string path)
    {
        var result = new ServeGenLengths();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw IngestException.File(path, $"expected a JSON object of periods {{\"<start_s>\": {{\"input_tokens\": ..., \"output_tokens\": ...}}}}, got {root.ValueKind}");
        }
        foreach (JsonProperty p in root.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Object)
            {
                throw IngestException.File(path, $"period '{p.Name}': expected an object with input_tokens and output_tokens, got {p.Value.ValueKind}");
            }
            if (!double.TryParse(p.Name, NumberStyles.Float, CultureInfo.InvariantCulture, out double start) || !double.IsFinite(start))
            {
                throw IngestException.File(path, $"expected period keys in seconds, got '{p.Name}'");
            }
            result._periods.Add((start, Pdf.Parse(p.Value, "input_tokens", path), Pdf.Parse(p.Value, "output_tokens", path)));
        }
        result._periods.Sort((a, b) => a.StartS.CompareTo(b.StartS));
        return result._periods.Count > 0 ? result : throw IngestException.File(path, "no length periods");
    }

    public (int Prompt, int Output) Sample(Random random, double windowStartS)
    {
        int i = _periods.Count - 1;
        while (i > 0 && _periods[i].StartS > windowStartS)
        {
            i--;
        }
        return (_periods[i].Input.Sample(random), _periods[i].Output.Sample(random));
    }

    private sealed class Pdf(int[] values, double[] cdf)
    {
        public int Sample(Random random)
        {
            int k = Array.BinarySearch(cdf, random.NextDouble() * cdf[^1]);
            return values[Math.Min(k < 0 ? ~k : k, values.Length - 1)];
        }

        public static Pdf Parse(JsonElement period, string key, string path)
        {
            string text = period.TryGetProperty(key, out JsonElement e) && e.ValueKind == JsonValueKind.String
                ? e.GetString()!
                : throw IngestException.File(path, $"field '{key}' missing; expected a dict string like \"{{4: 7.2e-05}}\"");
            var values = new List<int>();
            var cdf = new List<double>();
            double sum = 0;
            foreach (string pair in text.Trim('{', '}', ' ').Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] kv = pair.Split(':');
                if (kv.Length != 2 || !double.TryParse(kv[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                    || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double p) || !(p >= 0) || !double.IsFinite(p)
                    || !(v >= 0 && v <= MaxTokens))
                {
                    throw IngestException.File(path, $"field '{key}': expected 'tokens: probability' pairs (tokens in [0, {MaxTokens:N0}], probability finite and >= 0), got '{pair.Trim()}'");
                }
                sum += p;
                values.Add((int)Math.Round(v));
                cdf.Add(sum);
            }
            return sum > 0 && double.IsFinite(sum) ? new Pdf([.. values], [.. cdf]) : throw IngestException.File(path, $"field '{key}': empty distribution");
        }
    }
}

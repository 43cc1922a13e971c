using System.Globalization;
using System.Text.Json;

namespace TraceReplay.Cli.Validation;

/// <summary>
/// vLLM <c>vllm bench serve --save-result</c> JSON (one run per file): <c>max_concurrency</c> clients,
/// <c>num_prompts</c> requests, <c>mean_ttft_ms</c> and <c>mean_tpot_ms</c>. The prompt and output lengths are the
/// run's means (<c>total_input_tokens</c> and <c>total_output_tokens</c> over <c>completed</c>). The file does not
/// say where it ran, so the deployment comes from <c>--model/--gpu/--tp</c>. A run without <c>max_concurrency</c> was
/// open-loop (a request rate), which this closed-loop validation cannot express: its note says so.
/// </summary>
public static class VllmBenchJsonReader
{
    /// <summary>The deployment the JSON files were measured on.</summary>
    public sealed record Deployment(string Model, string Gpu, int Tp);

    public static readonly string[] Columns =
        ["source_file", "model_id", "max_concurrency", "num_prompts", "completed", "total_input_tokens", "total_output_tokens",
         "mean_ttft_ms", "mean_tpot_ms", "request_throughput", "model_path", "system", "tp_size"];

    public static MeasuredFile Read(IReadOnlyList<string> files, Deployment deployment)
    {
        var cells = new List<string[]>();
        var points = new List<MeasuredPoint>();
        foreach (string file in files)
        {
            (string[] row, MeasuredPoint point) = ReadOne(file, deployment);
            cells.Add(row);
            points.Add(point);
        }
        return new MeasuredFile(files.Count == 1 ? files[0] : Path.GetDirectoryName(files[0]) ?? "", Columns, cells, points);
    }

    private static (string[] Row, MeasuredPoint Point) ReadOne(string file, Deployment d)
    {
        JsonElement root;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(file));
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file}: line {ex.LineNumber + 1}: not valid JSON ({ex.Message})", ex);
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{file}: expected one JSON object as vllm bench serve --save-result writes it");
        }
        string Raw(string key) => root.TryGetProperty(key, out JsonElement e) && e.ValueKind != JsonValueKind.Null ? e.ToString() : "";
        string[] row = [Path.GetFileName(file), Raw("model_id"), Raw("max_concurrency"), Raw("num_prompts"), Raw("completed"), Raw("total_input_tokens"),
            Raw("total_output_tokens"), Raw("mean_ttft_ms"), Raw("mean_tpot_ms"), Raw("request_throughput"), d.Model, d.Gpu, d.Tp.ToString(CultureInfo.InvariantCulture)];
        var errors = new List<string>();
        double Num(string key)
        {
            if (double.TryParse(Raw(key), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v > 0)
            {
                return v;
            }
            errors.Add($"field '{key}': '{Raw(key)}' is not a positive number");
            return double.NaN;
        }
        double completed = Num("completed");
        var point = new MeasuredPoint
        {
            Location = Path.GetFileName(file),
            Model = d.Model,
            Gpu = d.Gpu,
            Tp = d.Tp,
            Isl = (int)Math.Round(Num("total_input_tokens") / completed),
            Osl = (int)Math.Round(Num("total_output_tokens") / completed),
            NumRequests = (int)Num("num_prompts"),
            TtftMs = Num("mean_ttft_ms"),
            TpotMs = Num("mean_tpot_ms"),
        };
        if (Raw("max_concurrency").Length == 0)
        {
            return (row, point with { Note = "open-loop run (no max_concurrency: a request rate), not a closed-loop benchmark" });
        }
        point = point with { Concurrency = (int)Num("max_concurrency") };
        return (row, errors.Count == 0 ? point : point with { Note = $"unreadable ({file}): {string.Join("; ", errors)}" });
    }
}

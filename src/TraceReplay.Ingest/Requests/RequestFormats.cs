using System.Text;
using TraceReplay.Core.IO;
using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Requests;

/// <summary>Request-log format names and detection from content (the first line), never from the file name.</summary>
public static class RequestFormats
{
    public static readonly IReadOnlyList<string> Names = ["azure", "mooncake", "burstgpt", "vidur", "lengths", "servegen", "csv"];

    public static IRequestReader Create(string format, RequestIngestOptions options) => format switch
    {
        "azure" => new AzureReader(),
        "mooncake" => new MooncakeReader(),
        "burstgpt" => new BurstGptReader(),
        "vidur" => new TokenTableReader(withArrivals: true),
        "lengths" => new TokenTableReader(withArrivals: false),
        "servegen" => new ServeGenReader(options.Seed, options.DurationS),
        "csv" => new CanonicalCsvReader(),
        _ => throw new ArgumentException($"--format '{format}' is not a request format; expected auto or one of {string.Join(", ", Names)}"),
    };

    public static string Detect(string path)
    {
        string head = Encoding.UTF8.GetString(InputFile.Peek(path, 1 << 14)).TrimStart('\uFEFF');
        string first = head.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        if (first.Length == 0)
        {
            throw IngestException.File(path, "empty file: expected a header line or JSON lines");
        }
        if (first.StartsWith('{'))
        {
            return "mooncake";
        }
        string[] cols = CsvInput.SplitLine(first);
        bool Has(string name) => cols.Contains(name, StringComparer.OrdinalIgnoreCase);
        if (Has("TIMESTAMP") && Has("ContextTokens"))
        {
            return "azure";
        }
        if (Has("Timestamp") && Has("Response tokens"))
        {
            return "burstgpt";
        }
        if (Has("num_prefill_tokens"))
        {
            return Has("arrived_at") ? "vidur" : "lengths";
        }
        if (Has("request_id") && Has("arrival_s"))
        {
            return "csv";
        }
        if (cols.Length == 6 && double.TryParse(cols[0], System.Globalization.CultureInfo.InvariantCulture, out _) && cols[3] is "" or "Gamma" or "Weibull")
        {
            return "servegen";
        }
        throw new IngestException(new IngestError(path, 1, "header",
            $"could not detect the request format from the first line; expected one of {string.Join(", ", Names)} (see docs/ingest.md) or pass --format NAME",
            Core.Text.Fields.Clip(first)));
    }
}

using System.Globalization;
using TraceReplay.Core.IO;
using TraceReplay.Core.Requests;
using TraceReplay.Core.Text;
using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// ServeGen per-client load (<c>chunk-N-trace.csv</c>, no header: <c>window_start_s,rate,cv,pattern,shape,scale</c>,
/// 600 s windows). Not a request log: arrivals are generated per window from the fitted Gamma/Weibull gaps (a
/// renewal process restarted at each window start, an approximation), and lengths are drawn from the sibling
/// <c>chunk-N-dataset.json</c> PDFs (the 6 h period at or before the window). Seeded: same seed, same rows.
/// </summary>
public sealed class ServeGenReader(int seed, double? durationS) : IRequestReader
{
    public const double WindowS = 600;

    /// <summary>Requests one ingest may generate in all (about 2.4 GB of Parquet); pass --duration-s for a shorter slice.</summary>
    public const long MaxRequests = 100_000_000;

    public string Format => "servegen";

    public IEnumerable<RequestRow> Read(string path, IngestContext context)
    {
        string dataset = DatasetPath(path);
        ServeGenLengths lengths = ServeGenLengths.Load(dataset);
        var random = new Random(seed);
        context.Metadata[RequestColumns.MetaSeed] = seed.ToString(CultureInfo.InvariantCulture);
        context.Metadata["tracereplay.servegen_dataset"] = Path.GetFileName(dataset);
        using CsvInput csv = context.OpenCsv(path, hasHeader: false);
        string source = Path.GetFileName(path);
        long id = 0, rows = 0;
        double lastStart = double.NegativeInfinity;
        while (csv.Read())
        {
            rows++;
            context.CountRow();
            string? error = ParseWindow(csv, out double start, out double rate, out string pattern, out double shape, out double scale, out string field);
            if (error is null && start < lastStart)
            {
                (error, field) = ("window start out of order; expected increasing window_start_s", "window_start_s");
            }
            if (error is not null)
            {
                context.Reject(path, csv.Line, field, error, csv.RawRecord);
                continue;
            }
            lastStart = start;
            if (durationS is { } d && start >= d)
            {
                break;
            }
            double end = Math.Min(start + WindowS, durationS ?? double.PositiveInfinity);
            // One window row yields many requests; the window itself is the row that was read (and written as requests).
            long inWindow = 0;
            for (double t = start + ServeGenGaps.Next(random, pattern, shape, scale); rate > 0 && t < end; t += ServeGenGaps.Next(random, pattern, shape, scale))
            {
                if (id >= MaxRequests)
                {
                    throw new IngestException(new IngestError(path, csv.Line, "-",
                        $"more than {MaxRequests:N0} requests generated; pass --duration-s S to generate a shorter slice", ""));
                }
                if (++inWindow > ServeGenGaps.MaxRequestsPerWindow)
                {
                    throw new IngestException(new IngestError(path, csv.Line, "shape/scale",
                        $"window generates more than {ServeGenGaps.MaxRequestsPerWindow:N0} requests (gaps too small to advance time)", csv.RawRecord));
                }
                (int prompt, int output) = lengths.Sample(random, start);
                yield return new RequestRow(new RequestRecord(id++, (long)Math.Round(t * 1e9), prompt, output), false, source, csv.Line);
            }
        }
        if (rows == 0)
        {
            throw IngestException.File(path, "empty file: expected ServeGen windows window_start_s,rate,cv,pattern,shape,scale");
        }
    }

    public static string DatasetPath(string tracePath)
    {
        string name = Path.GetFileName(tracePath);
        string dataset = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(tracePath))!, name.Replace("-trace.csv", "-dataset.json", StringComparison.Ordinal));
        return dataset != Path.GetFullPath(tracePath) && File.Exists(dataset)
            ? dataset
            : throw IngestException.File(tracePath,
                $"ServeGen lengths file '{Path.GetFileName(dataset)}' not found beside the trace; ServeGen ships lengths for some clients only (m-large: client 61), so pick a client that has one");
    }

    private static string? ParseWindow(CsvInput csv, out double start, out double rate, out string pattern, out double shape, out double scale, out string field)
    {
        start = rate = shape = scale = 0;
        pattern = csv.Text(3).Trim();
        field = "window_start_s";
        if (csv.FieldCount < 6)
        {
            return $"expected 6 fields window_start_s,rate,cv,pattern,shape,scale, got {csv.FieldCount}";
        }
        string? e = Fields.Double(csv[0], out start, "window start seconds")
            ?? (start >= 0 && start <= Core.Diagnostics.Checked.MaxSeconds - WindowS ? null : $"expected a window start in [0, {Core.Diagnostics.Checked.MaxSeconds:G3}] s");
        if (e is null && (e = Fields.Double(csv[1], out rate, "a rate in requests/s") ?? (rate < 0 ? "expected a non-negative rate" : null)) is not null)
        {
            field = "rate";
        }
        if (e is null && rate > 0 && pattern is not ("Gamma" or "Weibull"))
        {
            (e, field) = ($"expected pattern Gamma or Weibull, got '{Fields.Clip(pattern)}'", "pattern");
        }
        if (e is null && rate > 0 && (e = Fields.Double(csv[4], out shape, "a shape") ?? Fields.Double(csv[5], out scale, "a scale in seconds")
                ?? ServeGenGaps.Check(pattern, shape, scale, WindowS)) is not null)
        {
            field = "shape/scale";
        }
        return e;
    }
}

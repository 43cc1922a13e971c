using System.Globalization;
using TraceReplay.Core.Requests;
using TraceReplay.Ingest.IO;
using TraceReplay.Ingest.Text;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// Azure LLM inference traces: 2023 (<c>TIMESTAMP,ContextTokens,GeneratedTokens</c>, 7-digit fraction, no zone),
/// 2024 week-long (<c>+00:00</c>, optional 6-digit fraction) and LMM 2025 (ISO <c>...Z</c>, extra NumImages).
/// Zone-less 2023 times are taken as UTC for the absolute start. Arrival = TIMESTAMP - first TIMESTAMP.
/// </summary>
public sealed class AzureReader : IRequestReader
{
    private static readonly string[] s_formats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:ssZ",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
    ];

    public string Format => "azure";

    public IEnumerable<RequestRow> Read(string path, IngestContext context)
    {
        using var csv = new CsvTable(InputFile.Open(path), path, context: context);
        int ts = csv.Require("TIMESTAMP", Format);
        int ctxTokens = csv.Require("ContextTokens", Format);
        int genTokens = csv.Require("GeneratedTokens", Format);
        string source = Path.GetFileName(path);
        var clock = new ArrivalClock();
        long id = 0;
        while (csv.Read())
        {
            context.CountRow();
            string field = "TIMESTAMP";
            long arrivalNs = 0;
            string? error = TryParseTime(csv[ts], out long epochNs)
                ? clock.Next(epochNs, out arrivalNs)
                : epochNs == long.MaxValue
                    ? $"time '{Fields.Clip(csv[ts])}' is beyond the int64-nanosecond range (years 1678-2262); expected a time within it"
                    : $"expected a time like 2023-11-16 18:15:46.6805900 or 2024-05-10 00:00:00.009930+00:00, got '{Fields.Clip(csv[ts])}'";
            int prompt = 0, output = 0;
            if (error is null && (error = Fields.TokenCount(csv[ctxTokens], out prompt)) is not null)
            {
                field = "ContextTokens";
            }
            if (error is null && (error = Fields.TokenCount(csv[genTokens], out output)) is not null)
            {
                field = "GeneratedTokens";
            }
            if (error is not null)
            {
                context.Reject(path, csv.Line, field, error, csv.RawRecord);
                continue;
            }
            yield return new RequestRow(new RequestRecord(id++, arrivalNs, prompt, output), false, source, csv.Line, epochNs);
        }
        if (clock.FirstNs is { } first)
        {
            context.Metadata.TryAdd(RequestColumns.MetaStartEpochNs, first.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <returns>False with <paramref name="epochNs"/> = long.MaxValue when the time parses but lies outside the int64-ns range.</returns>
    internal static bool TryParseTime(string text, out long epochNs)
    {
        if (DateTimeOffset.TryParseExact(text.Trim(), s_formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset t))
        {
            // Years past 2262 do not fit int64 ns: an error, not a wrap.
            long? ns = Core.Diagnostics.Checked.UnitsToNs(t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, 100);
            epochNs = ns ?? long.MaxValue; // long.MaxValue with false: parsed, but out of range
            return ns is not null;
        }
        epochNs = 0;
        return false;
    }
}

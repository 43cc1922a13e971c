using System.Globalization;
using TraceReplay.Core.IO;
using TraceReplay.Core.Requests;
using TraceReplay.Core.Text;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// Azure LLM inference traces: 2023 (<c>TIMESTAMP,ContextTokens,GeneratedTokens</c>, 7-digit fraction, no zone),
/// 2024 week-long (<c>+00:00</c>, optional 6-digit fraction) and LMM 2025 (ISO <c>...Z</c>, extra NumImages).
/// Zone-less 2023 times are taken as UTC for the absolute start. Arrival = TIMESTAMP - first TIMESTAMP.
/// Fields are parsed from their UTF-8 bytes (<see cref="AzureTime"/>): no string per row.
/// </summary>
public sealed class AzureReader : IRequestReader
{
    public string Format => "azure";

    public IEnumerable<RequestRow> Read(string path, IngestContext context)
    {
        using CsvInput csv = context.OpenCsv(path);
        int ts = csv.Require("TIMESTAMP", Format);
        int ctxTokens = csv.Require("ContextTokens", Format);
        int genTokens = csv.Require("GeneratedTokens", Format);
        string source = Path.GetFileName(path);
        var clock = new ArrivalClock();
        long id = 0;
        foreach ((RequestRecord request, long epochNs) in context.ParsedRows(csv, path,
            (CsvInput row, out (RequestRecord, long) parsed) => Parse(row, ts, ctxTokens, genTokens, clock, out parsed)))
        {
            yield return new RequestRow(request with { Id = id++ }, false, source, csv.Line, epochNs);
        }
        if (clock.FirstNs is { } first)
        {
            context.Metadata.TryAdd(RequestColumns.MetaStartEpochNs, first.ToString(CultureInfo.InvariantCulture));
        }
    }

    // Not in the iterator: spans cannot live across a yield. The request's id is the caller's.
    private static (string Field, string Reason)? Parse(CsvInput csv, int ts, int ctxTokens, int genTokens, ArrivalClock clock,
        out (RequestRecord Request, long EpochNs) parsed)
    {
        parsed = default;
        long arrivalNs = 0;
        ReadOnlySpan<byte> time = csv[ts];
        string? error = AzureTime.TryParse(time, out long epochNs)
            ? clock.Next(epochNs, out arrivalNs)
            : epochNs == long.MaxValue
                ? $"time '{Fields.Clip(time)}' is beyond the int64-nanosecond range (years 1678-2262); expected a time within it"
                : $"expected a time like 2023-11-16 18:15:46.6805900 or 2024-05-10 00:00:00.009930+00:00, got '{Fields.Clip(time)}'";
        if (error is not null)
        {
            return ("TIMESTAMP", error);
        }
        if (Fields.TokenCount(csv[ctxTokens], out int prompt) is { } e1)
        {
            return ("ContextTokens", e1);
        }
        if (Fields.TokenCount(csv[genTokens], out int output) is { } e2)
        {
            return ("GeneratedTokens", e2);
        }
        parsed = (new RequestRecord(0, arrivalNs, prompt, output), epochNs);
        return null;
    }
}

using System.Globalization;
using TraceReplay.Core.IO;
using TraceReplay.Core.Requests;
using TraceReplay.Core.Text;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// BurstGPT v1 (<c>Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type</c>) and v3, which adds
/// <c>Session ID,Elapsed time</c>; columns are read by name so both work. Timestamps are seconds; arrival =
/// Timestamp - first. Rows with zero response tokens are failures: written with failed=true (never replayed) and
/// counted in <see cref="IngestContext.FailedRows"/>.
/// </summary>
public sealed class BurstGptReader : IRequestReader
{
    public string Format => "burstgpt";

    public IEnumerable<RequestRow> Read(string path, IngestContext context)
    {
        using CsvInput csv = context.OpenCsv(path);
        int ts = csv.Require("Timestamp", Format);
        int req = csv.Require("Request tokens", Format);
        int resp = csv.Require("Response tokens", Format);
        int? model = csv.Find("Model"), logType = csv.Find("Log Type"), session = csv.Find("Session ID"), elapsed = csv.Find("Elapsed time");
        string source = Path.GetFileName(path);
        var clock = new ArrivalClock();
        long id = 0;
        foreach ((RequestRecord request, double? latency) in context.ParsedRows(csv, path,
            (CsvInput row, out (RequestRecord, double?) parsed) => Parse(row, ts, req, resp, elapsed, clock, out parsed)))
        {
            bool failed = request.OutputTokens == 0;
            if (failed)
            {
                context.CountFailed();
            }
            yield return new RequestRow(request with { Id = id++ }, failed, source, csv.Line,
                Model: Text(csv, model, true), LogType: Text(csv, logType, true), SessionId: Text(csv, session, false), E2eLatencyS: latency);
        }
        context.Metadata.TryAdd("tracereplay.time_origin", "BurstGPT: seconds from 0:00 local time on day 1 (v1 origin)");
        if (clock.FirstNs is { } first)
        {
            context.Metadata.TryAdd("tracereplay.first_timestamp_s", (first / 1e9).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The request's id is the caller's.</summary>
    private static (string Field, string Reason)? Parse(CsvInput csv, int ts, int req, int resp, int? elapsed, ArrivalClock clock,
        out (RequestRecord Request, double? LatencyS) parsed)
    {
        parsed = default;
        long arrivalNs = 0;
        if ((Fields.Double(csv[ts], out double seconds, "a time in seconds") ?? clock.NextSeconds(seconds, out arrivalNs)) is { } e0)
        {
            return ("Timestamp", e0);
        }
        if (Fields.TokenCount(csv[req], out int prompt) is { } e1)
        {
            return ("Request tokens", e1);
        }
        if (Fields.TokenCount(csv[resp], out int output) is { } e2)
        {
            return ("Response tokens", e2);
        }
        double? latency = null;
        if (elapsed is { } e && csv[e].Length > 0)
        {
            if (Fields.Double(csv[e], out double s, "end-to-end seconds") is { } e3)
            {
                return ("Elapsed time", e3);
            }
            latency = s;
        }
        parsed = (new RequestRecord(0, arrivalNs, prompt, output), latency);
        return null;
    }

    // Model and log type repeat on every row: interned. Session ids are unique: not.
    private static string? Text(CsvInput csv, int? column, bool intern) =>
        column is { } c && csv.Text(c).Trim() is { Length: > 0 } s ? (intern ? string.Intern(s) : s) : null;
}

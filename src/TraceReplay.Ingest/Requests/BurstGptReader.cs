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
        while (csv.Read())
        {
            context.CountRow();
            if (Parse(csv, ts, req, resp, elapsed, clock, out long arrivalNs, out int prompt, out int output, out double? latency) is { } error)
            {
                context.Reject(path, csv.Line, error.Field, error.Reason, csv.RawRecord);
                continue;
            }
            bool failed = output == 0;
            if (failed)
            {
                context.CountFailed();
            }
            yield return new RequestRow(new RequestRecord(id++, arrivalNs, prompt, output), failed, source, csv.Line,
                Model: Text(csv, model, true), LogType: Text(csv, logType, true), SessionId: Text(csv, session, false), E2eLatencyS: latency);
        }
        context.Metadata.TryAdd("tracereplay.time_origin", "BurstGPT: seconds from 0:00 local time on day 1 (v1 origin)");
        if (clock.FirstNs is { } first)
        {
            context.Metadata.TryAdd("tracereplay.first_timestamp_s", (first / 1e9).ToString(CultureInfo.InvariantCulture));
        }
    }

    private static (string Field, string Reason)? Parse(CsvInput csv, int ts, int req, int resp, int? elapsed, ArrivalClock clock,
        out long arrivalNs, out int prompt, out int output, out double? latency)
    {
        arrivalNs = 0;
        prompt = output = 0;
        latency = null;
        if ((Fields.Double(csv[ts], out double seconds, "a time in seconds") ?? clock.NextSeconds(seconds, out arrivalNs)) is { } e0)
        {
            return ("Timestamp", e0);
        }
        if (Fields.TokenCount(csv[req], out prompt) is { } e1)
        {
            return ("Request tokens", e1);
        }
        if (Fields.TokenCount(csv[resp], out output) is { } e2)
        {
            return ("Response tokens", e2);
        }
        if (elapsed is { } e && csv[e].Length > 0)
        {
            if (Fields.Double(csv[e], out double s, "end-to-end seconds") is { } e3)
            {
                return ("Elapsed time", e3);
            }
            latency = s;
        }
        return null;
    }

    // Model and log type repeat on every row: interned. Session ids are unique: not.
    private static string? Text(CsvInput csv, int? column, bool intern) =>
        column is { } c && csv.Text(c).Trim() is { Length: > 0 } s ? (intern ? string.Intern(s) : s) : null;
}

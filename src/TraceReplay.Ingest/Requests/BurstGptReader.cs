using System.Globalization;
using TraceReplay.Core.Requests;
using TraceReplay.Ingest.IO;
using TraceReplay.Ingest.Text;

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
        using var csv = new CsvTable(InputFile.Open(path), path, context: context);
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
            string field = "Timestamp";
            long arrivalNs = 0;
            int prompt = 0, output = 0;
            double latency = 0;
            string? error = Fields.Double(csv[ts], out double seconds, "a time in seconds");
            if (error is null && (error = clock.NextSeconds(seconds, out arrivalNs)) is null
                && (error = Fields.TokenCount(csv[req], out prompt)) is not null)
            {
                field = "Request tokens";
            }
            if (error is null && (error = Fields.TokenCount(csv[resp], out output)) is not null)
            {
                field = "Response tokens";
            }
            if (error is null && elapsed is { } e && csv[e].Length > 0 && (error = Fields.Double(csv[e], out latency, "end-to-end seconds")) is not null)
            {
                field = "Elapsed time";
            }
            if (error is not null)
            {
                context.Reject(path, csv.Line, field, error, csv.RawRecord);
                continue;
            }
            bool failed = output == 0;
            if (failed)
            {
                context.CountFailed();
            }
            yield return new RequestRow(new RequestRecord(id++, arrivalNs, prompt, output), failed, source, csv.Line,
                Model: Text(csv, model, true), LogType: Text(csv, logType, true), SessionId: Text(csv, session, false),
                E2eLatencyS: elapsed is { } el && csv[el].Length > 0 ? latency : null);
        }
        context.Metadata.TryAdd("tracereplay.time_origin", "BurstGPT: seconds from 0:00 local time on day 1 (v1 origin)");
        if (clock.FirstNs is { } first)
        {
            context.Metadata.TryAdd("tracereplay.first_timestamp_s", (first / 1e9).ToString(CultureInfo.InvariantCulture));
        }
    }

    // Model and log type repeat on every row: interned. Session ids are unique: not.
    private static string? Text(CsvTable csv, int? column, bool intern) =>
        column is { } c && csv[c].Trim() is { Length: > 0 } s ? (intern ? string.Intern(s) : s) : null;
}

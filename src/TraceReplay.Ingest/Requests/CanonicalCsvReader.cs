using TraceReplay.Core.Requests;
using TraceReplay.Ingest.IO;
using TraceReplay.Ingest.Text;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// A plain request table users can write by hand: <c>request_id,arrival_s,prompt_tokens,output_tokens</c> (optional
/// <c>model,session_id</c>). Ids must be unique (a duplicate is rejected) and arrivals non-decreasing.
/// </summary>
public sealed class CanonicalCsvReader : IRequestReader
{
    public string Format => "csv";

    public IEnumerable<RequestRow> Read(string path, IngestContext context)
    {
        using var csv = new CsvTable(InputFile.Open(path), path, context: context);
        int idCol = csv.Require(RequestColumns.RequestId, Format);
        int arrivalCol = csv.Require(RequestColumns.ArrivalS, Format);
        int promptCol = csv.Require(RequestColumns.PromptTokens, Format);
        int outputCol = csv.Require(RequestColumns.OutputTokens, Format);
        int? model = csv.Find(RequestColumns.Model), session = csv.Find(RequestColumns.SessionId);
        string source = Path.GetFileName(path);
        var clock = new ArrivalClock();
        var seen = new HashSet<long>();
        while (csv.Read())
        {
            context.CountRow();
            string field = RequestColumns.RequestId;
            long arrivalNs = 0;
            int prompt = 0, output = 0;
            double s = 0;
            string? error = Fields.Long(csv[idCol], out long id, "an integer request id");
            if (error is null && !seen.Add(id))
            {
                error = $"duplicate request id {id}; expected unique ids";
            }
            if (error is null && (error = Fields.Double(csv[arrivalCol], out s, "arrival seconds")
                    ?? (s < 0 ? $"expected non-negative arrival seconds, got {csv[arrivalCol]}" : clock.NextSeconds(s, out arrivalNs))) is not null)
            {
                field = RequestColumns.ArrivalS;
            }
            arrivalNs = error is null ? (long)Math.Round(s * 1e9) : 0;
            if (error is null && (error = Fields.TokenCount(csv[promptCol], out prompt)) is not null)
            {
                field = RequestColumns.PromptTokens;
            }
            if (error is null && (error = Fields.TokenCount(csv[outputCol], out output)) is not null)
            {
                field = RequestColumns.OutputTokens;
            }
            if (error is not null)
            {
                context.Reject(path, csv.Line, field, error, csv.RawRecord);
                continue;
            }
            yield return new RequestRow(new RequestRecord(id, arrivalNs, prompt, output), false, source, csv.Line,
                Model: model is { } m && csv[m].Length > 0 ? csv[m] : null,
                SessionId: session is { } ss && csv[ss].Length > 0 ? csv[ss] : null);
        }
    }
}

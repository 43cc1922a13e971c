using TraceReplay.Core.IO;
using TraceReplay.Core.Requests;
using TraceReplay.Core.Text;

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
        using CsvInput csv = context.OpenCsv(path);
        int idCol = csv.Require(RequestColumns.RequestId, Format);
        int arrivalCol = csv.Require(RequestColumns.ArrivalS, Format);
        int promptCol = csv.Require(RequestColumns.PromptTokens, Format);
        int outputCol = csv.Require(RequestColumns.OutputTokens, Format);
        int? model = csv.Find(RequestColumns.Model), session = csv.Find(RequestColumns.SessionId);
        string source = Path.GetFileName(path);
        var clock = new ArrivalClock();
        var seen = new HashSet<long>();
        foreach (RequestRecord request in context.ParsedRows(csv, path,
            (CsvInput row, out RequestRecord parsed) => Parse(row, idCol, arrivalCol, promptCol, outputCol, clock, seen, out parsed)))
        {
            yield return new RequestRow(request, false, source, csv.Line,
                Model: model is { } m && csv[m].Length > 0 ? csv.Text(m) : null,
                SessionId: session is { } ss && csv[ss].Length > 0 ? csv.Text(ss) : null);
        }
    }

    private static (string Field, string Reason)? Parse(CsvInput csv, int idCol, int arrivalCol, int promptCol, int outputCol, ArrivalClock clock,
        HashSet<long> seen, out RequestRecord parsed)
    {
        parsed = default;
        if (Fields.Long(csv[idCol], out long id, "an integer request id") is { } e0)
        {
            return (RequestColumns.RequestId, e0);
        }
        if (!seen.Add(id))
        {
            return (RequestColumns.RequestId, $"duplicate request id {id}; expected unique ids");
        }
        if ((Fields.Double(csv[arrivalCol], out double s, "arrival seconds")
                ?? (s < 0 ? $"expected non-negative arrival seconds, got {csv.Text(arrivalCol)}" : clock.NextSeconds(s, out _))) is { } e1)
        {
            return (RequestColumns.ArrivalS, e1);
        }
        if (Fields.TokenCount(csv[promptCol], out int prompt) is { } e2)
        {
            return (RequestColumns.PromptTokens, e2);
        }
        if (Fields.TokenCount(csv[outputCol], out int output) is { } e3)
        {
            return (RequestColumns.OutputTokens, e3);
        }
        parsed = new RequestRecord(id, (long)Math.Round(s * 1e9), prompt, output);
        return null;
    }
}

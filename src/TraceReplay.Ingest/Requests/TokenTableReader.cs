using TraceReplay.Core.IO;
using TraceReplay.Core.Requests;
using TraceReplay.Core.Text;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// Vidur/Sarathi processed traces: <c>num_prefill_tokens,num_decode_tokens[,...]</c>, with <c>arrived_at</c> (s from
/// 0; Vidur splitwise_*.csv) or without it (length-only ShareGPT/arXiv files, which need <c>--rate</c> to re-time).
/// </summary>
public sealed class TokenTableReader(bool withArrivals) : IRequestReader
{
    public string Format => withArrivals ? "vidur" : "lengths";

    public bool NeedsArrivals => !withArrivals;

    public IEnumerable<RequestRow> Read(string path, IngestContext context)
    {
        using CsvInput csv = context.OpenCsv(path);
        int prefill = csv.Require("num_prefill_tokens", Format);
        int decode = csv.Require("num_decode_tokens", Format);
        int? arrived = withArrivals ? csv.Require("arrived_at", Format) : null;
        string source = Path.GetFileName(path);
        var clock = new ArrivalClock();
        long id = 0;
        foreach (RequestRecord request in context.ParsedRows(csv, path,
            (CsvInput row, out RequestRecord parsed) => Parse(row, prefill, decode, arrived, clock, out parsed)))
        {
            yield return new RequestRow(request with { Id = id++ }, false, source, csv.Line);
        }
    }

    /// <summary>The request's id is the caller's.</summary>
    private static (string Field, string Reason)? Parse(CsvInput csv, int prefill, int decode, int? arrived, ArrivalClock clock,
        out RequestRecord parsed)
    {
        parsed = default;
        if (Fields.TokenCount(csv[prefill], out int prompt) is { } e0)
        {
            return ("num_prefill_tokens", e0);
        }
        if (Fields.TokenCount(csv[decode], out int output) is { } e1)
        {
            return ("num_decode_tokens", e1);
        }
        long arrivalNs = 0;
        if (arrived is { } a)
        {
            if ((Fields.Double(csv[a], out double s, "arrival seconds")
                    ?? (s < 0 ? "expected non-negative arrival seconds" : clock.NextSeconds(s, out _))) is { } e2)
            {
                return ("arrived_at", e2);
            }
            // Vidur re-bases to 0 s: keep its own origin rather than the first row's.
            arrivalNs = (long)Math.Round(s * 1e9);
        }
        parsed = new RequestRecord(0, arrivalNs, prompt, output);
        return null;
    }
}

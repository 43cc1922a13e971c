using TraceReplay.Core.Requests;
using TraceReplay.Ingest.IO;
using TraceReplay.Ingest.Text;

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
        using var csv = new CsvTable(InputFile.Open(path), path, context: context);
        int prefill = csv.Require("num_prefill_tokens", Format);
        int decode = csv.Require("num_decode_tokens", Format);
        int? arrived = withArrivals ? csv.Require("arrived_at", Format) : null;
        string source = Path.GetFileName(path);
        var clock = new ArrivalClock();
        long id = 0;
        while (csv.Read())
        {
            context.CountRow();
            string field = "num_prefill_tokens";
            long arrivalNs = 0;
            int output = 0;
            string? error = Fields.TokenCount(csv[prefill], out int prompt);
            if (error is null && (error = Fields.TokenCount(csv[decode], out output)) is not null)
            {
                field = "num_decode_tokens";
            }
            if (error is null && arrived is { } a)
            {
                field = "arrived_at";
                error = Fields.Double(csv[a], out double s, "arrival seconds")
                    ?? (s < 0 ? "expected non-negative arrival seconds" : clock.NextSeconds(s, out arrivalNs));
                // Vidur re-bases to 0 s: keep its own origin rather than the first row's.
                arrivalNs = error is null ? (long)Math.Round(s * 1e9) : 0;
            }
            if (error is not null)
            {
                context.Reject(path, csv.Line, field, error, csv.RawRecord);
                continue;
            }
            yield return new RequestRow(new RequestRecord(id++, arrivalNs, prompt, output), false, source, csv.Line);
        }
    }
}

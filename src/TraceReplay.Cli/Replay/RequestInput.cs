using System.Security.Cryptography;
using TraceReplay.Core.Requests;
using TraceReplay.Ingest;
using TraceReplay.Ingest.Diagnostics;
using TraceReplay.Ingest.Requests;
using TraceReplay.Parquet.Requests;
using TraceReplay.Simulation.Input;

namespace TraceReplay.Cli.Replay;

/// <summary>
/// Opens <c>--requests FILE</c> by its content: canonical request Parquet, the replay CSV
/// (<c>arrival_s,prompt_tokens,output_tokens</c>), or any request log ingest understands (Azure, Mooncake, BurstGPT,
/// Vidur, length-only, ...), read in place through ingest's streaming readers.
/// </summary>
internal sealed record RequestInput(string Path, string Format, long? Count, string Sha256)
{
    public static RequestInput Open(string path, bool retimed)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such requests file");
        }
        string sha;
        using (FileStream s = File.OpenRead(path))
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(s));
        }
        if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return new RequestInput(path, "parquet", null, sha);
        }
        if (RequestCsvReader.Matches(path))
        {
            return new RequestInput(path, "csv", CountLines(path), sha);
        }
        string format = RequestFormats.Detect(path);
        if (!retimed && RequestFormats.Create(format, new RequestIngestOptions([path], "")).NeedsArrivals)
        {
            throw new ArgumentException($"{path}: a length-only trace ({format}) has no arrival times; pass --rate R [--arrival poisson|gamma:CV] to re-time it");
        }
        return new RequestInput(path, format, format == "azure" ? CountLines(path) : null, sha);
    }

    public IEnumerable<RequestRecord> Read(bool retimed) => Format switch
    {
        "parquet" => RequestParquetReader.ReadAsync(Path).ToBlockingEnumerable(),
        "csv" => RequestCsvReader.Read(Path, requireArrival: !retimed),
        _ => ReadLog(),
    };

    /// <summary>Any bad row stops the replay with ingest's error (file, line, field); failed rows are not replayed.</summary>
    private IEnumerable<RequestRecord> ReadLog()
    {
        var context = new IngestContext(new RejectSink(maxErrors: 0));
        foreach (RequestRow row in RequestFormats.Create(Format, new RequestIngestOptions([Path], "")).Read(Path, context))
        {
            if (!row.Failed)
            {
                yield return row.HashIds is null ? row.Record : row.Record with { HashIds = row.HashIds, HashBlockTokens = row.BlockTokens ?? 0 };
            }
        }
    }

    private static long CountLines(string path) => File.ReadLines(path).Skip(1).LongCount(l => l.Length > 0);
}

using System.Security.Cryptography;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Input;

namespace TraceReplay.Cli.Replay;

/// <summary>Opens <c>--requests FILE</c> by its content: canonical request Parquet, an arrival/length CSV, or an Azure trace CSV.</summary>
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
        string header;
        using (var reader = new StreamReader(path))
        {
            header = reader.ReadLine() ?? "";
        }
        long rows = File.ReadLines(path).Skip(1).LongCount(l => l.Length > 0);
        if (Azure2023RequestLoader.Matches(header))
        {
            return new RequestInput(path, "azure-csv", rows, sha);
        }
        if (RequestCsvReader.Matches(path))
        {
            return new RequestInput(path, "csv", rows, sha);
        }
        throw new InvalidDataException(
            $"{path}: line 1: unrecognised header '{header}'; expected canonical request Parquet (.parquet), a CSV with arrival_s,prompt_tokens,output_tokens" +
            (retimed ? " (arrival_s optional with --rate)" : "") + ", or an Azure trace CSV (TIMESTAMP,ContextTokens,GeneratedTokens)");
    }

    public IEnumerable<RequestRecord> Read(bool retimed) => Format switch
    {
        "parquet" => RequestParquetReader.ReadAsync(Path).ToBlockingEnumerable(),
        "azure-csv" => Azure2023RequestLoader.Read(Path),
        _ => RequestCsvReader.Read(Path, requireArrival: !retimed),
    };
}

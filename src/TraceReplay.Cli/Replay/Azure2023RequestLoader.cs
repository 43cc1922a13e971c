using System.Globalization;
using TraceReplay.Core.Requests;

namespace TraceReplay.Cli.Replay;

/// <summary>
/// MINIMAL STAND-IN, to be swapped for the ingest project's Azure reader at merge: streams an Azure LLM inference
/// trace CSV (<c>TIMESTAMP,ContextTokens,GeneratedTokens</c>, FORMATS.md section 3.1/3.2) as requests with
/// arrivals relative to the first row. Ids are data-row numbers from 0.
/// </summary>
internal static class Azure2023RequestLoader
{
    private static readonly string[] s_formats = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz"];
    private static readonly string[] s_columns = ["TIMESTAMP", "ContextTokens", "GeneratedTokens"];

    public static bool Matches(string header) => s_columns.All(c => header.Split(',').Any(h => h.Trim() == c));

    public static IEnumerable<RequestRecord> Read(string path)
    {
        using var reader = new StreamReader(path);
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{path}: empty file; expected header {string.Join(",", s_columns)}");
        string[] names = [.. header.Split(',').Select(h => h.Trim())];
        int[] ix = [.. s_columns.Select(c => Array.IndexOf(names, c))];
        if (ix.Any(i => i < 0))
        {
            throw new InvalidDataException($"{path}: line 1: expected columns {string.Join(",", s_columns)}, got '{header}'");
        }
        long line = 1, row = 0, firstTicks = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }
            string[] f = text.Split(',');
            string ts = ix[0] < f.Length ? f[ix[0]].Trim() : "";
            if (!DateTimeOffset.TryParseExact(ts, s_formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t))
            {
                throw new InvalidDataException($"{path}: line {line}, field 'TIMESTAMP': expected 'yyyy-MM-dd HH:mm:ss.fffffff', got '{ts}'");
            }
            if (row == 0)
            {
                firstTicks = t.UtcTicks;
            }
            yield return new RequestRecord(row++, (t.UtcTicks - firstTicks) * 100, Int(path, line, f, ix[1], s_columns[1]), Int(path, line, f, ix[2], s_columns[2]));
        }
    }

    private static int Int(string path, long line, string[] f, int i, string name)
    {
        string raw = i < f.Length ? f[i].Trim() : "";
        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0
            ? v
            : throw new InvalidDataException($"{path}: line {line}, field '{name}': expected an integer >= 0, got '{raw}'");
    }
}

using System.Globalization;
using TraceReplay.Core.Requests;

namespace TraceReplay.Simulation.Input;

/// <summary>
/// Streams a length-and-arrival CSV: header required, columns <c>arrival_s,prompt_tokens,output_tokens</c> found by
/// name (others ignored). Length-only files (no <c>arrival_s</c>; also the sarathi/Vidur names
/// <c>num_prefill_tokens,num_decode_tokens</c>) are read with arrivals at 0, for re-timing with <c>--rate</c>.
/// Request ids are data-row numbers from 0. Errors name the file, line and field.
/// </summary>
public static class RequestCsvReader
{
    public static readonly string[] Columns = ["arrival_s", "prompt_tokens", "output_tokens"];

    /// <summary>True when the first line of <paramref name="path"/> has the three columns.</summary>
    private static readonly string[][] s_aliases = [["arrival_s"], ["prompt_tokens", "num_prefill_tokens"], ["output_tokens", "num_decode_tokens"]];

    /// <summary>True when the first line of <paramref name="path"/> names the token columns.</summary>
    public static bool Matches(string path)
    {
        using var reader = new StreamReader(path);
        string[] header = (reader.ReadLine() ?? "").Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        return s_aliases[1..].All(a => a.Any(c => header.Contains(c, StringComparer.OrdinalIgnoreCase)));
    }

    /// <param name="requireArrival">False when the stream will be re-timed, so arrival_s may be absent.</param>
    public static IEnumerable<RequestRecord> Read(string path, bool requireArrival = true)
    {
        using var reader = new StreamReader(path);
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{path}: empty file; expected a header with {string.Join(",", Columns)}");
        string[] names = header.Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        int[] index = new int[Columns.Length];
        for (int c = 0; c < Columns.Length; c++)
        {
            index[c] = Array.FindIndex(names, n => s_aliases[c].Contains(n, StringComparer.OrdinalIgnoreCase));
            if (index[c] < 0 && c == 0 && !requireArrival)
            {
                continue;
            }
            if (index[c] < 0 && c == 0)
            {
                throw new InvalidDataException($"{path}: line 1: no 'arrival_s' column; pass --rate R [--arrival poisson|gamma:CV] to re-time a length-only trace");
            }
            if (index[c] < 0)
            {
                throw new InvalidDataException($"{path}: line 1: column '{Columns[c]}' is missing; expected a header with {string.Join(",", Columns)}, got '{header}'");
            }
        }
        long line = 1, row = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }
            string[] f = text.Split(',');
            double arrival = index[0] < 0 ? 0 : Field(path, line, f, index[0], Columns[0], f2 => double.TryParse(f2, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && double.IsFinite(v) ? v : null, "a finite number of seconds >= 0");
            int prompt = (int)Field(path, line, f, index[1], Columns[1], f2 => int.TryParse(f2, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0 ? v : null, "an integer >= 0")!;
            int output = (int)Field(path, line, f, index[2], Columns[2], f2 => int.TryParse(f2, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0 ? v : null, "an integer >= 0")!;
            yield return new RequestRecord(row++, (long)Math.Round(arrival * 1e9), prompt, output);
        }
    }

    private static double Field(string path, long line, string[] fields, int i, string name, Func<string, double?> parse, string expected)
    {
        string raw = i < fields.Length ? fields[i].Trim().Trim('"') : "";
        return parse(raw) ?? throw new InvalidDataException($"{path}: line {line}, field '{name}': expected {expected}, got '{raw}'");
    }
}

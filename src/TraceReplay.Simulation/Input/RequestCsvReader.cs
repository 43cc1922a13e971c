using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.IO;
using TraceReplay.Core.Requests;
using TraceReplay.Core.Text;

namespace TraceReplay.Simulation.Input;

/// <summary>
/// Streams a length-and-arrival CSV through the one CSV reader (<see cref="CsvInput"/>): header required, columns
/// <c>arrival_s,prompt_tokens,output_tokens</c> found by name (others ignored). Length-only files (no
/// <c>arrival_s</c>; also the sarathi/Vidur names <c>num_prefill_tokens,num_decode_tokens</c>) are read with arrivals
/// at 0, for re-timing with <c>--rate</c>. Request ids are data-row numbers from 0. Any bad row stops the read with an
/// <see cref="InputException"/> naming the file, line and field.
/// </summary>
public static class RequestCsvReader
{
    public static readonly string[] Columns = ["arrival_s", "prompt_tokens", "output_tokens"];

    private static readonly string[][] s_aliases = [["arrival_s"], ["prompt_tokens", "num_prefill_tokens"], ["output_tokens", "num_decode_tokens"]];

    /// <summary>True when the header of <paramref name="path"/> names the token columns.</summary>
    public static bool Matches(string path)
    {
        try
        {
            using CsvInput csv = CsvInput.Open(path);
            return s_aliases[1..].All(a => a.Any(c => csv.Find(c) is not null));
        }
        catch (InputException)
        {
            return false; // not this format (or unreadable): the other readers say why
        }
    }

    /// <param name="requireArrival">False when the stream will be re-timed, so arrival_s may be absent.</param>
    public static IEnumerable<RequestRecord> Read(string path, bool requireArrival = true)
    {
        using CsvInput csv = CsvInput.Open(path);
        int[] index = new int[Columns.Length];
        for (int c = 0; c < Columns.Length; c++)
        {
            index[c] = s_aliases[c].Select(csv.Find).FirstOrDefault(i => i is not null) ?? -1;
            if (index[c] < 0 && c == 0 && !requireArrival)
            {
                continue;
            }
            if (index[c] < 0)
            {
                throw c == 0
                    ? new InputException(path, 1, "", "", "no 'arrival_s' column; pass --rate R [--arrival poisson|gamma:CV] to re-time a length-only trace")
                    : new InputException(path, 1, Columns[c], $"a header with {string.Join(",", Columns)}", string.Join(",", csv.Header));
            }
        }
        long row = 0;
        while (csv.Read())
        {
            yield return Parse(csv, index, row++);
        }
    }

    private static RequestRecord Parse(CsvInput csv, int[] index, long row)
    {
        double arrival = 0;
        if (index[0] >= 0 && (Fields.Double(csv[index[0]], out arrival) is not null || arrival < 0))
        {
            throw Bad(csv, Columns[0], "a finite number of seconds >= 0", csv[index[0]]);
        }
        if (Fields.TokenCount(csv[index[1]], out int prompt) is not null)
        {
            throw Bad(csv, Columns[1], "an integer >= 0", csv[index[1]]);
        }
        if (Fields.TokenCount(csv[index[2]], out int output) is not null)
        {
            throw Bad(csv, Columns[2], "an integer >= 0", csv[index[2]]);
        }
        long arrivalNs = Checked.SecondsToNs(arrival) ?? throw Bad(csv, Columns[0], "seconds within the int64-nanosecond range", csv[index[0]]);
        return new RequestRecord(row, arrivalNs, prompt, output);
    }

    private static InputException Bad(CsvInput csv, string field, string expected, ReadOnlySpan<byte> found) =>
        new(csv.Path, csv.Line, field, expected, $"'{Fields.Clip(found)}'");
}

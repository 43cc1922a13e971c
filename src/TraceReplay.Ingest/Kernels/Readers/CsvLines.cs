using TraceReplay.Core.IO;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// Profiler CSV through the one reader (<see cref="CsvInput"/>, no header: preamble lines such as <c>==PROF==</c> or
/// <c>Generating SQLite file</c> sit before or between CSV lines). Yields (1-based line, fields, raw line) for lines
/// that <paramref name="keep"/> accepts; a kept line with broken quoting is a row read and rejected.
/// </summary>
internal static class CsvLines
{
    public static IEnumerable<(long Line, string[] Fields, string Raw)> Read(string path, IngestContext context, Func<string, bool> keep)
    {
        using CsvInput csv = context.OpenCsv(path, hasHeader: false, isRow: p => keep(p.Raw));
        while (csv.Read())
        {
            string raw = csv.RawRecord;
            if (keep(raw))
            {
                yield return (csv.Line, csv.Strings(), raw);
            }
        }
    }
}

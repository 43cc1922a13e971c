using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// What the <c>nsys stats</c> CSV reports (cuda_gpu_trace, cuda_gpu_kern_sum) share: notice lines before a header
/// that starts with a known column, then one data row a line.
/// </summary>
internal static class NsysReport
{
    /// <summary>True when <paramref name="line"/> starts with the column <paramref name="first"/>, quoted or not.</summary>
    public static bool StartsWith(string line, string first) =>
        line.StartsWith(first, StringComparison.Ordinal) || (line.StartsWith('"') && line.AsSpan(1).StartsWith(first, StringComparison.Ordinal));

    /// <summary>
    /// The data rows after the header, each counted, with the columns <paramref name="bind"/> made of the header.
    /// Lines before the header go to <paramref name="preamble"/> (which may refuse the file); blank lines are skipped;
    /// a file with no header is refused with <paramref name="noHeader"/>.
    /// </summary>
    public static IEnumerable<(TColumns Columns, long Line, string[] Fields, string Raw)> Rows<TColumns>(string path, IngestContext context,
        string format, Func<string, bool> isHeader, Func<HeaderMap, long, string, TColumns> bind, string noHeader, Action<string>? preamble = null)
        where TColumns : class
    {
        TColumns? columns = null;
        foreach ((long line, string[] f, string raw) in CsvLines.Read(path, context, _ => true))
        {
            if (columns is null)
            {
                if (isHeader(raw))
                {
                    columns = bind(new HeaderMap(f, path, format), line, raw);
                }
                else
                {
                    preamble?.Invoke(raw);
                }
                continue;
            }
            if (raw.Trim().Length == 0)
            {
                continue;
            }
            context.CountRow();
            yield return (columns, line, f, raw);
        }
        if (columns is null)
        {
            throw IngestException.File(path, noHeader);
        }
    }
}

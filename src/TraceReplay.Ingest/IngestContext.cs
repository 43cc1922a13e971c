using TraceReplay.Core.IO;
using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest;

/// <summary>Per-run state readers share: the reject sink and live counters (read by the progress display).</summary>
public sealed class IngestContext(RejectSink rejects)
{
    /// <summary>Parses the row <paramref name="csv"/> stands on into <paramref name="value"/>, or says which field is wrong and why.</summary>
    public delegate (string Field, string Reason)? RowParser<T>(CsvInput csv, out T value);

    private long _rowsRead;
    private long _failedRows;

    public RejectSink Rejects { get; } = rejects;

    /// <summary>File metadata readers add (absolute start, quantum, seed, ...).</summary>
    public SortedDictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public long RowsRead => Volatile.Read(ref _rowsRead);

    public void CountRow() => Interlocked.Increment(ref _rowsRead);

    /// <summary>Rows written but flagged failed by the source (BurstGPT zero-token responses).</summary>
    public long FailedRows => Volatile.Read(ref _failedRows);

    public void CountFailed() => Interlocked.Increment(ref _failedRows);

    public void Reject(string file, long line, string field, string reason, string raw) =>
        Rejects.Reject(new IngestError(file, line, field, reason, raw));

    /// <summary>
    /// Opens a CSV whose refused records (broken quoting) are rows read and rejected here, so rows read = written +
    /// rejected holds; <paramref name="isRow"/> says whether a refused line is a data row (false: preamble, ignored).
    /// </summary>
    public CsvInput OpenCsv(string path, bool hasHeader = true, Func<CsvProblem, bool>? isRow = null) =>
        CsvInput.Open(path, hasHeader, p =>
        {
            if (isRow is null || isRow(p))
            {
                CountRow();
                Reject(path, p.Line, p.Field, p.Reason, p.Raw);
            }
        });

    /// <summary>
    /// The data rows of <paramref name="csv"/> that <paramref name="parse"/> accepts, in file order: every row is
    /// counted, a refused one rejected with its field, reason, line and raw text. The CSV stays on the yielded row
    /// until the next is asked for, so the caller may read its line and other columns.
    /// </summary>
    public IEnumerable<T> ParsedRows<T>(CsvInput csv, string path, RowParser<T> parse)
    {
        while (csv.Read())
        {
            CountRow();
            if (parse(csv, out T value) is { } error)
            {
                Reject(path, csv.Line, error.Field, error.Reason, csv.RawRecord);
                continue;
            }
            yield return value;
        }
    }
}

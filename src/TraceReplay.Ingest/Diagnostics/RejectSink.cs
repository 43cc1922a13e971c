using System.Text;
using TraceReplay.Core.IO;

namespace TraceReplay.Ingest.Diagnostics;

/// <summary>
/// Collects rejected rows. With <c>--max-errors 0</c> (default) the first one stops the run with its message; with N
/// the run goes on until N+1 rejects and the rejects go to <c>&lt;OUT&gt;.rejected.csv</c>
/// (file,line,field,reason,raw), written atomically on <see cref="Commit"/>.
/// </summary>
public sealed class RejectSink(long maxErrors)
{
    private readonly StringBuilder _csv = new("file,line,field,reason,raw\n");
    private readonly List<IngestError> _first = [];

    public long Count { get; private set; }

    public long MaxErrors { get; } = maxErrors;

    /// <summary>The first few errors, for the console summary.</summary>
    public IReadOnlyList<IngestError> First => _first;

    public void Reject(IngestError error)
    {
        Count++;
        if (Count > MaxErrors)
        {
            string hint = MaxErrors == 0
                ? "(use --max-errors N to skip up to N bad rows; they go to <OUT>.rejected.csv)"
                : $"(more than --max-errors {MaxErrors} rows rejected)";
            throw new IngestException(error, hint);
        }
        if (_first.Count < 10)
        {
            _first.Add(error);
        }
        _csv.Append(Quote(error.File)).Append(',').Append(error.Line).Append(',').Append(Quote(error.Field)).Append(',')
            .Append(Quote(error.Reason)).Append(',').Append(Quote(error.Raw)).Append('\n');
    }

    /// <summary>Writes the side file when anything was rejected, else removes a stale one; returns its path or null.</summary>
    public string? Commit(string outputPath)
    {
        string path = outputPath + ".rejected.csv";
        if (Count == 0)
        {
            File.Delete(path);
            return null;
        }
        AtomicFile.WriteAllText(path, _csv.ToString());
        return path;
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

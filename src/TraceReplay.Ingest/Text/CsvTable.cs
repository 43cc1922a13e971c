using System.Text;
using CsvHelper;
using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Text;

/// <summary>
/// Streaming CSV over CsvHelper's UTF-8 reader, with columns looked up by name (never by position) and physical
/// line numbers for error messages. Header names match case-insensitively with surrounding spaces trimmed.
/// Ragged rows are allowed (a missing field reads as empty), as ncu writes them.
/// </summary>
public sealed class CsvTable : IDisposable
{
    private readonly CsvReader _reader;
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);

    private readonly IngestContext? _context;

    /// <param name="context">Where a record that spans lines (a stray quote swallowing what follows) is counted and
    /// rejected; without one such a record stops the read with an error.</param>
    public CsvTable(Stream stream, string path, bool hasHeader = true, IngestContext? context = null)
    {
        Path = path;
        _context = context;
        var options = new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true };
        _reader = CsvReader.Create(stream, options, false);
        if (!hasHeader)
        {
            Header = [];
            return;
        }
        if (!_reader.Read())
        {
            throw IngestException.File(path, "empty file: no header line");
        }
        if (SpansLines())
        {
            throw new IngestException(new IngestError(path, 1, "-", "the header has a quoted field that spans lines (a stray quote?)", Fields.Clip(RawRecord)));
        }
        Header = [.. Enumerable.Range(0, _reader.FieldCount).Select(i => _reader.GetString(i))];
        for (int i = 0; i < Header.Length; i++)
        {
            _index.TryAdd(Header[i].Trim(), i);
        }
    }

    public string Path { get; }

    public string[] Header { get; }

    /// <summary>1-based physical line where the current record starts.</summary>
    public long Line => _reader.LineNumber;

    public int FieldCount => _reader.FieldCount;

    public string this[int i] => i < _reader.FieldCount ? _reader.GetString(i) : "";

    public string RawRecord => Encoding.UTF8.GetString(_reader.RawRecord);

    /// <summary>
    /// Next record. A record whose quoted field runs over a line end (a stray quote swallowing the lines after it) is
    /// read, counted and rejected here with its first line, so rows read = written + rejected still holds.
    /// </summary>
    public bool Read()
    {
        while (_reader.Read())
        {
            if (!SpansLines())
            {
                return true;
            }
            // Every physical line the record swallowed is a row read and rejected: nothing disappears unaccounted.
            string[] lines = RawRecord.TrimEnd('\r', '\n').Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                var error = new IngestError(Path, Line + i, "-",
                    $"a quoted field opened on line {Line} spans lines {Line}-{Line + lines.Length - 1} (a stray quote?); expected one record per line with balanced quotes",
                    Fields.Clip(lines[i].TrimEnd('\r')));
                if (_context is null)
                {
                    throw new IngestException(error);
                }
                _context.CountRow();
                _context.Rejects.Reject(error);
            }
        }
        return false;
    }

    private bool SpansLines()
    {
        ReadOnlySpan<byte> raw = _reader.RawRecord;
        return raw.TrimEnd("\r\n"u8).IndexOfAny((byte)'\n', (byte)'\r') >= 0;
    }

    public int? Find(string name) => _index.TryGetValue(name, out int i) ? i : null;

    /// <summary>The column's index, or a clear error naming the header that was found.</summary>
    public int Require(string name, string format) =>
        Find(name) ?? throw new IngestException(new IngestError(Path, 1, name,
            $"missing column '{name}' for format {format}; header is [{string.Join(",", Header)}]", string.Join(",", Header)));

    public void Dispose() => _reader.Dispose();
}

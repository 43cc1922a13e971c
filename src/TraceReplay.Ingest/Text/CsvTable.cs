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

    public CsvTable(Stream stream, string path, bool hasHeader = true)
    {
        Path = path;
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

    public bool Read() => _reader.Read();

    public int? Find(string name) => _index.TryGetValue(name, out int i) ? i : null;

    /// <summary>The column's index, or a clear error naming the header that was found.</summary>
    public int Require(string name, string format) =>
        Find(name) ?? throw new IngestException(new IngestError(Path, 1, name,
            $"missing column '{name}' for format {format}; header is [{string.Join(",", Header)}]", string.Join(",", Header)));

    public void Dispose() => _reader.Dispose();
}

using System.Text;
using CsvHelper;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.Text;

namespace TraceReplay.Core.IO;

/// <summary>One record the reader refused (broken RFC 4180 quoting): its line, the field, why ("expected ...; found ..."), the raw line.</summary>
public readonly record struct CsvProblem(long Line, string Field, string Reason, string Raw);

/// <summary>
/// The one CSV reader: CsvHelper's allocation-free UTF-8 reader over <see cref="InputFile"/> (plain or checked,
/// multi-member gzip), fields as UTF-8 spans (no string per row), columns by name, physical line numbers. Quoting is
/// RFC 4180 with one record per line: a quote that does not close on its line, text after a closing quote or a quote
/// inside an unquoted field makes that one line a refused record (<see cref="CsvProblem"/>: the caller counts and
/// rejects it, or, without a handler, an <see cref="InputException"/> naming file, line and field) and never swallows
/// the lines after it. Ragged records are allowed (a missing field reads as empty); empty lines are skipped.
/// </summary>
public sealed class CsvInput : IDisposable
{
    /// <summary>Longest line read (a line this long is damage, not data; the buffer would grow to it).</summary>
    public const int MaxLineBytes = 16 << 20;

    private readonly CsvReader _reader;
    private readonly Action<CsvProblem>? _onProblem;
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private CsvMalformedRecord? _malformed;

    /// <param name="onProblem">Counts and rejects a refused record; null: the first one throws.</param>
    public CsvInput(Stream stream, string path, bool hasHeader = true, Action<CsvProblem>? onProblem = null)
    {
        Path = path;
        _onProblem = onProblem;
        var options = new CsvReaderOptions
        {
            HasHeader = false, Separator = ',', TrackLineNumbers = true, SkipEmptyLines = true, AllowLineBreaksInQuotes = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow, MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MaxRecordSize = MaxLineBytes, OnMalformedRecord = m => _malformed = m,
        };
        _reader = CsvReader.Create(stream, options, false);
        if (!hasHeader)
        {
            Header = [];
            return;
        }
        if (!Next())
        {
            throw new InputException(path, 0, "", "", "empty file: no header line");
        }
        if (Problem() is { } bad)
        {
            throw new InputException(path, bad.Line, "header", "", bad.Reason);
        }
        Header = [.. Enumerable.Range(0, FieldCount).Select(i => Text(i).Trim())];
        for (int i = 0; i < Header.Length; i++)
        {
            _index.TryAdd(Header[i], i);
        }
    }

    /// <summary>Opens <paramref name="path"/> through <see cref="InputFile"/> (gzip recognised by its magic bytes).</summary>
    public static CsvInput Open(string path, bool hasHeader = true, Action<CsvProblem>? onProblem = null) =>
        new(InputFile.Open(path), path, hasHeader, onProblem);

    /// <summary>The fields of one line (format detection); empty when its quoting is broken.</summary>
    public static string[] SplitLine(string line)
    {
        try
        {
            using var csv = new CsvInput(new MemoryStream(Encoding.UTF8.GetBytes(line)), "", hasHeader: true);
            return csv.Header;
        }
        catch (InputException)
        {
            return [];
        }
    }

    public string Path { get; }

    /// <summary>Column names as read (trimmed); empty without a header.</summary>
    public string[] Header { get; }

    /// <summary>1-based physical line of the current record.</summary>
    public long Line => _reader.LineNumber;

    public int FieldCount => _reader.FieldCount;

    /// <summary>The field's UTF-8 bytes, unquoted; empty past the end of the record. Valid until the next read.</summary>
    public ReadOnlySpan<byte> this[int i] => i < _reader.FieldCount ? _reader.GetSpan(i) : default;

    /// <summary>The field as a string (allocates: for text columns and errors, not for numbers).</summary>
    public string Text(int i) => Encoding.UTF8.GetString(this[i]);

    /// <summary>Every field as a string, for small files and formats with many text columns.</summary>
    public string[] Strings() => [.. Enumerable.Range(0, FieldCount).Select(Text)];

    /// <summary>The record's bytes as in the file, without the line break.</summary>
    public ReadOnlySpan<byte> Raw => _reader.RawRecord;

    public string RawRecord => Encoding.UTF8.GetString(_reader.RawRecord);

    /// <summary>Next record; refused records go to the handler (or throw) and are skipped here.</summary>
    public bool Read()
    {
        while (Next())
        {
            if (Problem() is not { } bad)
            {
                return true;
            }
            if (_onProblem is null)
            {
                throw new InputException(Path, bad.Line, bad.Field, "", bad.Reason);
            }
            _onProblem(bad);
        }
        return false;
    }

    public int? Find(string name) => _index.TryGetValue(name, out int i) ? i : null;

    /// <summary>The column's index, or an error naming the column, the format and the header found.</summary>
    public int Require(string name, string format) =>
        Find(name) ?? throw new InputException(Path, 1, name, "", $"missing column '{name}' for format {format}; header is [{string.Join(",", Header)}]");

    public void Dispose() => _reader.Dispose();

    private bool Next()
    {
        _malformed = null;
        try
        {
            return _reader.Read();
        }
        catch (Exception ex) when (ex is not InputException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw new InputException(Path, _reader.LineNumber + 1, "", "", $"unreadable CSV after this line ({ex.Message})", ex);
        }
    }

    /// <summary>The current record's quoting problem, if CsvHelper reported one for it (ragged records are allowed).</summary>
    private CsvProblem? Problem()
    {
        if (_malformed is not { } m || m.Reason is CsvMalformedReason.FieldCountMismatch or CsvMalformedReason.TrailingEscape)
        {
            return null;
        }
        int field = FieldAt(m.ByteOffset - _reader.ByteOffset);
        string name = field < Header?.Length ? Header[field] : $"#{field + 1}";
        string reason = m.Reason switch
        {
            CsvMalformedReason.StrayQuote => "expected RFC 4180 quoting (a field holding a quote is quoted whole, the quote doubled); found a stray quote inside an unquoted field",
            CsvMalformedReason.TextAfterClosingQuote => "expected a separator or line end after a closing quote; found text after it (a stray quote?)",
            _ => $"expected balanced quotes, one record per line; found a quote opened on line {Line} that is not closed on it (a stray quote?)",
        };
        return new CsvProblem(Line, name, reason, Fields.Clip(RawRecord));
    }

    /// <summary>0-based field holding the byte at <paramref name="offset"/> of the record (the last field past the end).</summary>
    private int FieldAt(long offset)
    {
        long end = 0;
        for (int i = 0; i < _reader.FieldCount; i++)
        {
            end += _reader.GetRawSpan(i).Length;
            if (offset <= end)
            {
                return i;
            }
            end++; // the separator
        }
        return Math.Max(0, _reader.FieldCount - 1);
    }
}

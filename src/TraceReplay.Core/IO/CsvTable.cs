using System.Globalization;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Core.IO;

/// <summary>
/// A whole small CSV file (profiles, op shapes, measured points: at most a few MB) held as text by column name,
/// read through <see cref="CsvInput"/>; every record must have the header's field count, and the parse helpers'
/// errors are <see cref="InputException"/>s naming the file, line and field.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    private CsvTable(string path, string[] header, List<string[]> rows, List<int> lines)
    {
        Path = path;
        Header = header;
        Rows = rows;
        Lines = lines;
        for (int i = 0; i < header.Length; i++)
        {
            _index.TryAdd(header[i], i);
        }
    }

    public string Path { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>1-based file line of each row (the header is line 1).</summary>
    public IReadOnlyList<int> Lines { get; }

    public static CsvTable Read(string path)
    {
        using CsvInput csv = CsvInput.Open(path);
        var rows = new List<string[]>();
        var lines = new List<int>();
        while (csv.Read())
        {
            if (csv.FieldCount != csv.Header.Length)
            {
                throw new InputException(path, csv.Line, "", $"{csv.Header.Length} fields (as the header)", $"{csv.FieldCount} fields");
            }
            rows.Add(csv.Strings());
            lines.Add(checked((int)csv.Line));
        }
        return new CsvTable(path, csv.Header, rows, lines);
    }

    public bool Has(string column) => _index.ContainsKey(column);

    public int Column(string column) => _index.TryGetValue(column, out int i)
        ? i
        : throw new InputException(Path, 1, "", "", $"missing column '{column}'; header is [{string.Join(",", Header)}]");

    public string Text(int row, int column) => Rows[row][column];

    /// <summary>The cell as a double, or null when it is empty.</summary>
    public double? OptionalDouble(int row, int column)
    {
        string s = Rows[row][column].Trim();
        if (s.Length == 0)
        {
            return null;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw Bad(row, column, "a finite number", s);
    }

    public int Int(int row, int column)
    {
        string s = Rows[row][column].Trim();
        // Some profiles write integer shapes as floats ("4096.0").
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v == Math.Floor(v) && Math.Abs(v) < int.MaxValue
            ? (int)v
            : throw Bad(row, column, "an integer", s);
    }

    public bool Bool(int row, int column)
    {
        string s = Rows[row][column].Trim();
        return bool.TryParse(s, out bool b) ? b : throw Bad(row, column, "True or False", s);
    }

    public InputException Bad(int row, int column, string expected, string found) =>
        new(Path, Lines[row], Header[column], expected, $"'{found}'");
}

using System.Globalization;
using CsvHelper;

namespace TraceReplay.Calibration.IO;

/// <summary>
/// A whole CSV file read by column name (never by position), with parse helpers whose errors name the file, line
/// and field. Profile files are small (at most a few MB), so holding them in memory is simplest.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(string path, string[] header, List<string[]> rows, List<int> lines)
    {
        Path = path;
        Header = header;
        Rows = rows;
        Lines = lines;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
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
        var options = CsvReaderOptions.Default with { TrackLineNumbers = true };
        using CsvReader csv = CsvReader.FromFile(path, options);
        string[] header = [.. csv.Headers];
        if (header.Length == 0)
        {
            throw new InvalidDataException($"{path}: line 1: empty file; expected a CSV header");
        }
        var rows = new List<string[]>();
        var lines = new List<int>();
        while (csv.Read())
        {
            int line = (int)csv.LineNumber;
            if (csv.FieldCount != header.Length)
            {
                throw new InvalidDataException($"{path}: line {line}: {csv.FieldCount} fields, expected {header.Length} (as the header)");
            }
            var row = new string[header.Length];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = csv.GetString(i);
            }
            rows.Add(row);
            lines.Add(line);
        }
        return new CsvTable(path, header, rows, lines);
    }

    public bool Has(string column) => _index.ContainsKey(column);

    public int Column(string column) => _index.TryGetValue(column, out int i)
        ? i
        : throw new InvalidDataException($"{Path}: line 1: missing column '{column}'");

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
            : throw new InvalidDataException($"{Path}: line {Lines[row]}, field '{Header[column]}': '{s}' is not a finite number");
    }

    public int Int(int row, int column)
    {
        string s = Rows[row][column].Trim();
        // Some profiles write integer shapes as floats ("4096.0").
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v == Math.Floor(v) && Math.Abs(v) < int.MaxValue
            ? (int)v
            : throw new InvalidDataException($"{Path}: line {Lines[row]}, field '{Header[column]}': '{s}' is not an integer");
    }

    public bool Bool(int row, int column)
    {
        string s = Rows[row][column].Trim();
        return bool.TryParse(s, out bool b)
            ? b
            : throw new InvalidDataException($"{Path}: line {Lines[row]}, field '{Header[column]}': '{s}' is not True/False");
    }
}

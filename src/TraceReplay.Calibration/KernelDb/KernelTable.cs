using System.Globalization;
using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.IO;
using TraceReplay.Parquet;

namespace TraceReplay.Calibration.KernelDb;

/// <summary>
/// One measured-kernel table, Parquet or CSV, held as text cells by column name so both formats share one validation
/// path; numbers parse with the invariant culture, and every error names the file, the row (Parquet: 1-based data
/// row; CSV: file line) and the field. Tables are at most ~10^5 rows.
/// </summary>
public sealed class KernelTable
{
    private readonly Dictionary<string, int> _index;
    private readonly bool _csv;
    private readonly IReadOnlyList<int>? _lines;

    private KernelTable(string path, KernelTableLayout layout, string[] header, List<string?[]> rows, bool csv, IReadOnlyList<int>? lines)
    {
        Path = path;
        Layout = layout;
        Header = header;
        Rows = rows;
        _csv = csv;
        _lines = lines;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            _index.TryAdd(header[i], i);
        }
    }

    public string Path { get; }
    public KernelTableLayout Layout { get; }
    public IReadOnlyList<string> Header { get; }
    /// <summary>Cells as read (Parquet numbers formatted round-trip; null for a Parquet null).</summary>
    public IReadOnlyList<string?[]> Rows { get; }

    /// <summary>True for a file this reader takes by extension (<c>.parquet</c>, <c>.csv</c>, <c>.txt</c>).</summary>
    public static bool IsTableFile(string path) =>
        System.IO.Path.GetExtension(path).ToLowerInvariant() is ".parquet" or ".csv" or ".txt";

    /// <summary>"row 12" (Parquet) or "line 13" (CSV) of the 0-based data row <paramref name="r"/>.</summary>
    public string Where(int r) => _csv ? $"line {_lines![r]}" : $"row {r + 1}";

    /// <summary>The 1-based line (CSV) or data row (Parquet) of the 0-based data row <paramref name="r"/>.</summary>
    public long Index(int r) => _csv ? _lines![r] : r + 1;

    /// <summary>Reads a table and detects its layout; a file of no known layout is an error naming the layouts known.</summary>
    public static KernelTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "", "", "no such file (expected a measured-kernel table, .parquet or .csv)");
        }
        bool parquet = IsParquet(path);
        (string[] header, List<string?[]> rows, IReadOnlyList<int>? lines) = parquet ? ReadParquet(path) : ReadCsv(path);
        KernelTableLayout layout = KernelTableLayouts.Detect(header, out string missing)
            ?? throw new InvalidDataException($"{path}: columns ({string.Join(", ", header)}) match no measured-kernel layout"
                + (missing.Length > 0 ? $" ({missing})" : "") + $"; known layouts: {KernelTableLayouts.Describe()}");
        return new KernelTable(path, layout, header, rows, !parquet, lines);
    }

    /// <summary>Parquet by magic bytes ("PAR1"), whatever the extension says.</summary>
    public static bool IsParquet(string path)
    {
        using FileStream f = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return f.Read(magic) == 4 && magic.SequenceEqual("PAR1"u8);
    }

    public bool Has(string column) => _index.ContainsKey(column);

    public string? Text(int r, string column) => Rows[r][_index[column]];

    public string String(int r, string column) =>
        Text(r, column) is { Length: > 0 } s ? s : throw Bad(r, column, "a value", "an empty cell");

    public double Double(int r, string column)
    {
        string? s = Text(r, column);
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v
            : throw Bad(r, column, "a finite number", s is null or "" ? "an empty cell" : $"'{s}'");
    }

    public long Long(int r, string column, long min = 1)
    {
        string? s = Text(r, column);
        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v >= min ? v
            : throw Bad(r, column, $"an integer >= {min}", s is null or "" ? "an empty cell" : $"'{s}'");
    }

    /// <summary>An integer cell that must fit an int (a shape: heads, experts, parallel degree), in [min, max].</summary>
    public int Int(int r, string column, int min = 1, int max = int.MaxValue)
    {
        long v = Long(r, column, min);
        return v <= max ? (int)v : throw Bad(r, column, $"an integer in [{min}, {max}]", $"'{v.ToString(CultureInfo.InvariantCulture)}'");
    }

    /// <summary>The measured time in microseconds (the table stores milliseconds); must be a positive finite number.</summary>
    public double LatencyUs(int r)
    {
        double ms = Double(r, KernelTableLayouts.Latency);
        return ms > 0 ? ms * 1000 : throw Bad(r, KernelTableLayouts.Latency, "a positive time in milliseconds", ms.ToString("R", CultureInfo.InvariantCulture));
    }

    public InputException Bad(int r, string column, string expected, string found) => new(Path, Index(r), column, expected, found);

    private static (string[], List<string?[]>, IReadOnlyList<int>?) ReadCsv(string path)
    {
        CsvTable t = CsvTable.Read(path);
        return ([.. t.Header], [.. t.Rows.Select(r => (string?[])r)], t.Lines);
    }

    /// <summary>Through the guarded path: a damaged footer, page or row count is an <see cref="InputException"/> naming the file.</summary>
    private static (string[], List<string?[]>, IReadOnlyList<int>?) ReadParquet(string path) =>
        ParquetInput.Guard(path, () => ReadParquetAsync(path)).GetAwaiter().GetResult();

    private static async Task<(string[], List<string?[]>, IReadOnlyList<int>?)> ReadParquetAsync(string path)
    {
        await using ParquetReader reader = await ParquetInput.OpenAsync(path).ConfigureAwait(false);
        DataField[] fields = reader.Schema.GetDataFields();
        var rows = new List<string?[]>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            int n = ParquetInput.GroupRows(group.RowCount, path), first = rows.Count;
            if ((long)first + n > ParquetInput.MaxRowsPerGroup)
            {
                throw new InputException(path, 0, "row groups", $"at most {ParquetInput.MaxRowsPerGroup} rows in all", $"{(long)first + n} rows");
            }
            for (int i = 0; i < n; i++)
            {
                rows.Add(new string?[fields.Length]);
            }
            for (int c = 0; c < fields.Length; c++)
            {
                string?[] cells = await ReadCellsAsync(group, fields[c], n, path).ConfigureAwait(false);
                for (int i = 0; i < n; i++)
                {
                    rows[first + i][c] = cells[i];
                }
            }
        }
        return ([.. fields.Select(f => f.Name)], rows, null);
    }

    /// <summary>One column chunk as text: strings as they are, numbers round-trip, nulls as null.</summary>
    private static async Task<string?[]> ReadCellsAsync(ParquetRowGroupReader group, DataField field, int n, string path)
    {
        Type t = field.ClrType;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))
        {
            var s = new string?[n];
            await group.ReadAsync(field, s.AsMemory()!).ConfigureAwait(false);
            return s;
        }
        if (t == typeof(long))
        {
            return await ReadNumbersAsync<long>(group, field, n, v => v.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
        if (t == typeof(int))
        {
            return await ReadNumbersAsync<int>(group, field, n, v => v.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
        if (t == typeof(double))
        {
            return await ReadNumbersAsync<double>(group, field, n, v => v.ToString("R", CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
        if (t == typeof(float))
        {
            return await ReadNumbersAsync<float>(group, field, n, v => v.ToString("R", CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
        throw new InputException(path, 0, field.Name, "a column of text, integers or floating point", $"type {t.Name}");
    }

    private static async Task<string?[]> ReadNumbersAsync<T>(ParquetRowGroupReader group, DataField field, int n, Func<T, string> format) where T : struct
    {
        var result = new string?[n];
        if (field.IsNullable)
        {
            var values = new T?[n];
            await group.ReadAsync<T>(field, values.AsMemory()).ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                result[i] = values[i] is { } v ? format(v) : null;
            }
        }
        else
        {
            var values = new T[n];
            await group.ReadAsync<T>(field, values.AsMemory()).ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                result[i] = format(values[i]);
            }
        }
        return result;
    }
}

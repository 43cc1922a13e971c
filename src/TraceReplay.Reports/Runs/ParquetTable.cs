using Parquet;
using Parquet.Schema;
using TraceReplay.Parquet;

namespace TraceReplay.Reports.Runs;

/// <summary>
/// A whole Parquet file read column by column into arrays (replay outputs are small enough: one row per request or
/// iteration). Nulls become NaN for doubles; errors name the file, the column and the type expected.
/// </summary>
public sealed class ParquetTable
{
    private readonly string _path;
    private readonly ParquetSchema _schema;
    private readonly Dictionary<string, Array> _columns = new(StringComparer.Ordinal);

    private ParquetTable(string path, ParquetSchema schema, long rows, IReadOnlyDictionary<string, string> metadata)
    {
        _path = path;
        _schema = schema;
        Rows = checked((int)rows);
        Metadata = metadata;
    }

    public int Rows { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public static ParquetTable Read(string path, params string[] columns) =>
        ParquetInput.Guard(path, () => ReadAsync(path, columns)).GetAwaiter().GetResult();

    private static async Task<ParquetTable> ReadAsync(string path, string[] columns)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file (expected a replay output; run `tracereplay replay ... -o DIR` first)");
        }
        await using ParquetReader reader = await ParquetInput.OpenAsync(path).ConfigureAwait(false);
        long rows = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            rows += group.RowCount;
        }
        var table = new ParquetTable(path, reader.Schema, rows, new Dictionary<string, string>(reader.CustomMetadata, StringComparer.Ordinal));
        foreach (string name in columns)
        {
            table._columns[name] = await table.ReadColumnAsync(reader, name).ConfigureAwait(false);
        }
        return table;
    }

    public bool Has(string name) => _columns.ContainsKey(name);

    public double[] Double(string name) => Get<double[]>(name);

    public long[] Long(string name) => Get<long[]>(name);

    public int[] Int(string name) => Get<int[]>(name);

    public string?[] String(string name) => Get<string?[]>(name);

    public bool?[] NullableBool(string name) => Get<bool?[]>(name);

    private T Get<T>(string name) where T : class =>
        _columns.TryGetValue(name, out Array? a) ? a as T ?? throw Mismatch(name, typeof(T).Name)
            : throw new InvalidOperationException($"{_path}: column '{name}' was not read");

    private async Task<Array> ReadColumnAsync(ParquetReader reader, string name)
    {
        DataField field = _schema.DataFields.FirstOrDefault(f => f.Name == name)
            ?? throw new InvalidDataException($"{_path}: column '{name}' is missing (columns: {string.Join(", ", _schema.DataFields.Select(f => f.Name))})");
        Type t = field.ClrType;
        Array result = t == typeof(double) ? new double[Rows] : t == typeof(long) ? new long[Rows] : t == typeof(int) ? new int[Rows]
            : t == typeof(string) || t == typeof(ReadOnlyMemory<char>) ? new string?[Rows] : t == typeof(bool) && field.IsNullable ? new bool?[Rows]
            : throw Mismatch(name, t.Name);
        int offset = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            await ReadIntoAsync(group, field, result, offset, n).ConfigureAwait(false);
            offset += n;
        }
        return result;
    }

    private static async Task ReadIntoAsync(ParquetRowGroupReader group, DataField field, Array result, int offset, int n)
    {
        switch (result)
        {
            case double[] d when field.IsNullable:
                var nd = new double?[n];
                await group.ReadAsync<double>(field, nd.AsMemory()).ConfigureAwait(false);
                for (int i = 0; i < n; i++)
                {
                    d[offset + i] = nd[i] ?? double.NaN;
                }
                break;
            case double[] d:
                await group.ReadAsync<double>(field, d.AsMemory(offset, n)).ConfigureAwait(false);
                break;
            case long[] l when !field.IsNullable:
                await group.ReadAsync<long>(field, l.AsMemory(offset, n)).ConfigureAwait(false);
                break;
            case int[] i32 when !field.IsNullable:
                await group.ReadAsync<int>(field, i32.AsMemory(offset, n)).ConfigureAwait(false);
                break;
            case string?[] s:
                await group.ReadAsync(field, s.AsMemory(offset, n)!).ConfigureAwait(false);
                break;
            case bool?[] b:
                await group.ReadAsync<bool>(field, b.AsMemory(offset, n)).ConfigureAwait(false);
                break;
            default:
                throw new InvalidDataException($"column '{field.Name}': nullable {field.ClrType.Name} is not supported here");
        }
    }

    private InvalidDataException Mismatch(string name, string expected) =>
        new($"{_path}: column '{name}' has an unexpected type (read as {expected}); is this a replay output of this TraceReplay version?");
}

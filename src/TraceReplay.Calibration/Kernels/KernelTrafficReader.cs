using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Kernels;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Kernels;

/// <summary>
/// Reads measured DRAM bytes from a canonical kernel Parquet (<see cref="KernelColumns"/>). Rows that also carry
/// <see cref="AnalyticBytesColumn"/> (the operator's analytic HBM bytes, filled where ingest recovered the shape)
/// give the analytic-to-measured ratio of their op class.
/// </summary>
public static class KernelTrafficReader
{
    /// <summary>Calibration's extension column: analytic HBM bytes of the operator the kernel ran, where known.</summary>
    public const string AnalyticBytesColumn = "analytic_hbm_bytes";

    public static KernelTrafficSummary Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return ReadAsync(path, stream).GetAwaiter().GetResult();
    }

    private static async Task<KernelTrafficSummary> ReadAsync(string path, Stream stream)
    {
        await using ParquetReader reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        DataField[] fields = reader.Schema.GetDataFields();
        DataField Field(string name) => fields.FirstOrDefault(f => f.Name == name)
            ?? throw new InvalidDataException($"{path}: missing column '{name}'; expected the canonical kernel Parquet ({KernelColumns.OpClass}, {KernelColumns.DramReadBytes}, {KernelColumns.DramWriteBytes})");
        DataField cls = Field(KernelColumns.OpClass), read = Field(KernelColumns.DramReadBytes), write = Field(KernelColumns.DramWriteBytes);
        DataField? analytic = fields.FirstOrDefault(f => f.Name == AnalyticBytesColumn);
        var ratios = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        var measured = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        int rows = 0, rowsMeasured = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            int n = (int)group.RowCount;
            var classes = new string?[n];
            await group.ReadAsync(cls, classes.AsMemory()).ConfigureAwait(false);
            double?[] reads = await Doubles(group, read, n, path).ConfigureAwait(false);
            double?[] writes = await Doubles(group, write, n, path).ConfigureAwait(false);
            double?[]? analytics = analytic is null ? null : await Doubles(group, analytic, n, path).ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                rows++;
                string? c = classes[i];
                double? r = reads[i], w = writes[i];
                if (c is null || r is null || w is null)
                {
                    continue; // not profiled by Nsight Compute: no DRAM counters to compare
                }
                string name = OpClassNames.Parse(c).ToName();
                double bytes = r.Value + w.Value;
                rowsMeasured++;
                Add(measured, name, bytes);
                if (analytics?[i] is double a && a > 0 && bytes > 0)
                {
                    Add(ratios, name, bytes / a);
                }
            }
        }
        return new KernelTrafficSummary { Path = path, RowsRead = rows, RowsMeasured = rowsMeasured, Ratios = ratios, MeasuredBytes = measured };
    }

    /// <summary>A numeric column (int64 or double, nullable or not) as nullable doubles.</summary>
    private static async Task<double?[]> Doubles(ParquetRowGroupReader group, DataField field, int n, string path)
    {
        var result = new double?[n];
        Type t = field.ClrType;
        if (t == typeof(double))
        {
            await ReadInto<double>(group, field, n, result, v => v).ConfigureAwait(false);
        }
        else if (t == typeof(long))
        {
            await ReadInto<long>(group, field, n, result, v => v).ConfigureAwait(false);
        }
        else if (t == typeof(float))
        {
            await ReadInto<float>(group, field, n, result, v => v).ConfigureAwait(false);
        }
        else if (t == typeof(int))
        {
            await ReadInto<int>(group, field, n, result, v => v).ConfigureAwait(false);
        }
        else
        {
            throw new InvalidDataException($"{path}: column '{field.Name}' is {t.Name}; expected int64 or double bytes");
        }
        return result;
    }

    private static async Task ReadInto<T>(ParquetRowGroupReader group, DataField field, int n, double?[] result, Func<T, double> convert)
        where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[n];
            await group.ReadAsync(field, values.AsMemory()).ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                result[i] = values[i] is T v ? convert(v) : null;
            }
        }
        else
        {
            var values = new T[n];
            await group.ReadAsync(field, values.AsMemory()).ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                result[i] = convert(values[i]);
            }
        }
    }

    private static void Add(SortedDictionary<string, List<double>> map, string key, double v)
    {
        if (!map.TryGetValue(key, out List<double>? list))
        {
            map[key] = list = [];
        }
        list.Add(v);
    }
}

using Parquet;
using Parquet.Schema;

namespace TraceReplay.Calibration.Kernels;

/// <summary>
/// Column reads shared by calibration's readers of canonical kernel Parquet (<see cref="KernelTrafficReader"/>,
/// <see cref="Iteration.KernelTimes"/>): columns looked up by name, numbers of any integer or float type read as nullable doubles.
/// </summary>
internal static class KernelParquetColumns
{
    /// <summary>The column named <paramref name="name"/>; its absence is an error naming the file and <paramref name="expected"/>.</summary>
    public static DataField Required(DataField[] fields, string name, string path, string expected) =>
        Optional(fields, name) ?? throw new InvalidDataException($"{path}: missing column '{name}'; expected {expected}");

    public static DataField? Optional(DataField[] fields, string name) => fields.FirstOrDefault(f => f.Name == name);

    public static async Task<string?[]> Strings(ParquetRowGroupReader group, DataField field, int n)
    {
        var values = new string?[n];
        await group.ReadAsync(field, values.AsMemory()).ConfigureAwait(false);
        return values;
    }

    /// <summary>A numeric column (int64, int32, double or float, nullable or not) as nullable doubles; <paramref name="unit"/> names what it holds.</summary>
    public static async Task<double?[]> Doubles(ParquetRowGroupReader group, DataField field, int n, string path, string unit)
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
            string type = t == typeof(string) || t == typeof(ReadOnlyMemory<char>) ? "text" : t.Name;
            throw new InvalidDataException($"{path}: column '{field.Name}' is {type}; expected int64 or double {unit}");
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
}

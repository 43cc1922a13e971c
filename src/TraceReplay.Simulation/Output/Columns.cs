using Parquet;
using Parquet.Schema;

namespace TraceReplay.Simulation.Output;

/// <summary>Projects buffered rows into one column of a row group (once per row group, not per row).</summary>
internal static class Columns
{
    public static void Write<T>(ParquetRowGroupWriter g, DataField field, int n, Func<int, T> value) where T : struct
    {
        var column = new T[n];
        for (int i = 0; i < n; i++)
        {
            column[i] = value(i);
        }
        g.WriteAsync<T>(field, column).GetAwaiter().GetResult();
    }

    public static void Write<T>(ParquetRowGroupWriter g, DataField field, int n, Func<int, T?> value) where T : struct
    {
        var column = new T?[n];
        for (int i = 0; i < n; i++)
        {
            column[i] = value(i);
        }
        g.WriteAsync<T>(field, column).GetAwaiter().GetResult();
    }

    public static void WriteStrings(ParquetRowGroupWriter g, DataField field, int n, Func<int, string?> value)
    {
        var column = new string[n];
        for (int i = 0; i < n; i++)
        {
            column[i] = value(i)!;
        }
        g.WriteAsync(field, column).GetAwaiter().GetResult();
    }
}

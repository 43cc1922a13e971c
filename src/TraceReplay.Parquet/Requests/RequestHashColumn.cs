using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Requests;

namespace TraceReplay.Parquet.Requests;

/// <summary>Reads the <c>hash_ids</c> list column of one row group back into one array per row (null list = null).</summary>
internal static class RequestHashColumn
{
    public static async Task<long[]?[]> ReadAsync(ParquetReader reader, int g, DataField field, int rows)
    {
        using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
        // One level entry per element, empty list or null list: the chunk's value count.
        int levels = checked((int)(group.GetMetadata(field)?.MetaData?.NumValues
            ?? throw new InvalidDataException("hash_ids column chunk has no metadata")));
        long[] values = new long[levels];
        int[] def = new int[levels], rep = new int[levels];
        await group.ReadRawAsync<long>(field, values, def, rep, CancellationToken.None).ConfigureAwait(false);
        return Split(values, def, rep, rows);
    }

    /// <summary>Levels as <see cref="RequestColumnBuffer"/> writes them: definition 0 = null list, 1 = empty list,
    /// 2 = element; repetition 0 starts a row.</summary>
    private static long[]?[] Split(ReadOnlySpan<long> values, ReadOnlySpan<int> def, ReadOnlySpan<int> rep, int rows)
    {
        var result = new long[]?[rows];
        int row = -1, v = 0;
        var current = new List<long>();
        for (int i = 0; i < def.Length; i++)
        {
            if (rep[i] == 0)
            {
                Close(result, row, current);
                row++;
                if (row >= rows)
                {
                    throw new InvalidDataException($"hash_ids holds more lists than the row group's {rows} rows");
                }
                result[row] = def[i] == 0 ? null : [];
            }
            if (def[i] == 2)
            {
                current.Add(values[v++]);
            }
        }
        Close(result, row, current);
        if (row != rows - 1)
        {
            throw new InvalidDataException($"hash_ids holds {row + 1} lists for {rows} rows");
        }
        return result;
    }

    private static void Close(long[]?[] result, int row, List<long> current)
    {
        if (row >= 0 && current.Count > 0)
        {
            result[row] = [.. current];
        }
        current.Clear();
    }
}

using System.Globalization;
using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.Kernels;
using TraceReplay.Parquet;

namespace TraceReplay.Ingest.Kernels;

/// <summary>
/// The columns of a canonical kernel Parquet that summaries need (inspect, tests), read in full. A file edited by hand
/// or damaged can hold values no ingest writes: a negative duration or launch count, or an end past the int64
/// nanosecond range; each is an error naming the row and field. Sums over rows are the reader's to keep in range.
/// </summary>
public sealed record KernelTable(string[] NameFull, string[] NameShort, string[] Kind, string[] OpClass, long[] DurNs, long?[] StartNs, long?[] Instances)
{
    public int Count => DurNs.Length;

    public static Task<KernelTable> ReadAsync(string path) => ParquetInput.Guard(path, () => ReadCoreAsync(path));

    private static async Task<KernelTable> ReadCoreAsync(string path)
    {
        await using ParquetReader reader = await ParquetInput.OpenAsync(path).ConfigureAwait(false);
        var cols = (nameFull: new List<string>(), nameShort: new List<string>(), kind: new List<string>(), cls: new List<string>(),
            dur: new List<long>(), start: new List<long?>(), inst: new List<long?>());
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            int n = ParquetInput.GroupRows(group.RowCount, path);
            cols.nameFull.AddRange(await Strings(group, reader.Schema, KernelColumns.NameFull, n).ConfigureAwait(false));
            cols.nameShort.AddRange(await Strings(group, reader.Schema, KernelColumns.NameShort, n).ConfigureAwait(false));
            cols.kind.AddRange(await Strings(group, reader.Schema, KernelColumns.Kind, n).ConfigureAwait(false));
            cols.cls.AddRange(await Strings(group, reader.Schema, KernelColumns.OpClass, n).ConfigureAwait(false));
            long?[] dur = await Longs(group, reader.Schema, KernelColumns.DurNs, n).ConfigureAwait(false);
            cols.dur.AddRange(dur.Select(d => d ?? 0));
            cols.start.AddRange(await Longs(group, reader.Schema, KernelColumns.StartNs, n).ConfigureAwait(false));
            cols.inst.AddRange(await Longs(group, reader.Schema, KernelColumns.Instances, n).ConfigureAwait(false));
        }
        var table = new KernelTable([.. cols.nameFull], [.. cols.nameShort], [.. cols.kind], [.. cols.cls], [.. cols.dur], [.. cols.start], [.. cols.inst]);
        table.Validate(path);
        return table;
    }

    private void Validate(string path)
    {
        for (int i = 0; i < Count; i++)
        {
            if (DurNs[i] < 0)
            {
                throw Bad(path, i, KernelColumns.DurNs, "a duration >= 0 ns", DurNs[i]);
            }
            if (StartNs[i] is long start && start > long.MaxValue - DurNs[i])
            {
                throw Bad(path, i, KernelColumns.StartNs, "a start whose end (start + dur_ns) fits in int64 ns", start);
            }
            if (Instances[i] is long launches && launches < 1)
            {
                throw Bad(path, i, KernelColumns.Instances, "a launch count >= 1", launches);
            }
        }
    }

    private static InputException Bad(string path, int row, string field, string expected, long found) =>
        new(path, row + 1L, field, expected, found.ToString(CultureInfo.InvariantCulture));

    private static DataField Field(ParquetSchema schema, string name) =>
        schema.DataFields.FirstOrDefault(f => f.Name == name) ?? throw new InvalidDataException($"column '{name}' missing: not a canonical kernel Parquet");

    private static async Task<string[]> Strings(ParquetRowGroupReader group, ParquetSchema schema, string name, int n)
    {
        string?[] values = new string?[n];
        await group.ReadAsync(Field(schema, name), values.AsMemory()).ConfigureAwait(false);
        return [.. values.Select(v => v ?? "")];
    }

    private static async Task<long?[]> Longs(ParquetRowGroupReader group, ParquetSchema schema, string name, int n)
    {
        long?[] values = new long?[n];
        await group.ReadAsync<long>(Field(schema, name), values.AsMemory()).ConfigureAwait(false);
        return values;
    }
}

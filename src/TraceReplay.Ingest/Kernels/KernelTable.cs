using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Kernels;
using TraceReplay.Parquet;

namespace TraceReplay.Ingest.Kernels;

/// <summary>The columns of a canonical kernel Parquet that summaries need (inspect, tests), read in full.</summary>
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
        return new KernelTable([.. cols.nameFull], [.. cols.nameShort], [.. cols.kind], [.. cols.cls], [.. cols.dur], [.. cols.start], [.. cols.inst]);
    }

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

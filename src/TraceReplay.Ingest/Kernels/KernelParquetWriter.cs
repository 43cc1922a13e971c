using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Kernels;
using TraceReplay.Parquet;

namespace TraceReplay.Ingest.Kernels;

/// <summary>Writes canonical kernel Parquet (schema version in the file metadata), atomically.</summary>
public static class KernelParquetWriter
{
    public const int RowGroupRows = 1 << 16;

    private static readonly IKernelColumn[] s_columns =
    [
        new Text(KernelColumns.Source, r => r.Source),
        new Text(KernelColumns.Kind, r => r.Kind),
        new Text(KernelColumns.DeviceName, r => r.DeviceName),
        new Num<int>(KernelColumns.DeviceIdx, r => r.DeviceIdx),
        new Num<long>(KernelColumns.Stream, r => r.Stream),
        new Num<long>(KernelColumns.Correlation, r => r.Correlation),
        new Num<long>(KernelColumns.StartNs, r => r.StartNs),
        new Num<long>(KernelColumns.DurNs, r => r.DurNs),
        new Text(KernelColumns.NameFull, r => r.NameFull),
        new Text(KernelColumns.NameShort, r => r.NameShort),
        new Num<int>(KernelColumns.GridX, r => r.GridX),
        new Num<int>(KernelColumns.GridY, r => r.GridY),
        new Num<int>(KernelColumns.GridZ, r => r.GridZ),
        new Num<int>(KernelColumns.BlockX, r => r.BlockX),
        new Num<int>(KernelColumns.BlockY, r => r.BlockY),
        new Num<int>(KernelColumns.BlockZ, r => r.BlockZ),
        new Num<int>(KernelColumns.RegsPerThread, r => r.RegsPerThread),
        new Num<long>(KernelColumns.SmemStaticBytes, r => r.SmemStaticBytes),
        new Num<long>(KernelColumns.SmemDynamicBytes, r => r.SmemDynamicBytes),
        new Num<long>(KernelColumns.SmemTotalBytes, r => r.SmemTotalBytes),
        new Num<long>(KernelColumns.Bytes, r => r.Bytes),
        new Text(KernelColumns.CopyKind, r => r.CopyKind),
        new Text(KernelColumns.NvtxPath, r => r.NvtxPath),
        new Num<long>(KernelColumns.GraphNode, r => r.GraphNode),
        new Text(KernelColumns.OpClass, r => r.OpClass),
        new Num<long>(KernelColumns.DramReadBytes, r => r.DramReadBytes),
        new Num<long>(KernelColumns.DramWriteBytes, r => r.DramWriteBytes),
        new Num<long>(KernelColumns.L2ReadSectors, r => r.L2ReadSectors),
        new Num<double>(KernelColumns.SmThroughputPct, r => r.SmThroughputPct),
        new Num<double>(KernelColumns.DramThroughputPct, r => r.DramThroughputPct),
        new Num<bool>(KernelColumns.ClockLocked, r => r.ClockLocked),
        new Num<long>(KernelColumns.Instances, r => r.Instances),
        new Num<long>(KernelColumns.SourceRow, r => r.SourceRow),
    ];

    public static ParquetSchema Schema { get; } = new(s_columns.Select(c => c.Field).ToArray());

    public static Task WriteAsync(string path, IReadOnlyList<KernelRecord> rows, IReadOnlyDictionary<string, string> metadata) =>
        ParquetOutputFile.WriteAsync(path, Schema, new Dictionary<string, string>(metadata.ToDictionary()) { [KernelColumns.SchemaVersionKey] = KernelColumns.SchemaVersion },
            async file =>
            {
                for (int start = 0; start < rows.Count || start == 0; start += RowGroupRows)
                {
                    int n = Math.Min(RowGroupRows, rows.Count - start);
                    using ParquetRowGroupWriter group = file.NewRowGroup();
                    foreach (IKernelColumn column in s_columns)
                    {
                        await column.WriteAsync(group, rows, start, n).ConfigureAwait(false);
                    }
                    if (rows.Count == 0)
                    {
                        break;
                    }
                }
            });

    private interface IKernelColumn
    {
        DataField Field { get; }

        Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<KernelRecord> rows, int start, int n);
    }

    private sealed class Num<T>(string name, Func<KernelRecord, T?> get) : IKernelColumn
        where T : struct
    {
        public DataField Field { get; } = new DataField<T?>(name);

        public Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<KernelRecord> rows, int start, int n)
        {
            var values = new T?[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = get(rows[start + i]);
            }
            return group.WriteAsync<T>(Field, values.AsMemory());
        }
    }

    private sealed class Text(string name, Func<KernelRecord, string?> get) : IKernelColumn
    {
        public DataField Field { get; } = new DataField<string>(name);

        public Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<KernelRecord> rows, int start, int n)
        {
            var values = new string?[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = get(rows[start + i]);
            }
            return group.WriteAsync(Field, values!);
        }
    }
}

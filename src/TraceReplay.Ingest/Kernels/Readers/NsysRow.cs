using Microsoft.Data.Sqlite;
using TraceReplay.Ingest.Diagnostics;
using Q = TraceReplay.Ingest.Kernels.Readers.NsysKernelQuery;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// One row of an nsys SQLite query as a <see cref="KernelRecord"/>, or a rejected row: a NULL where a value is
/// required, a number outside its type's range, an unresolved name id or a negative duration is counted against
/// <c>--max-errors</c> with the table, rowid and column, never an exception.
/// </summary>
internal sealed class NsysRow(SqliteDataReader r, string path, IngestContext context)
{
    private string? _bad;

    public KernelRecord? Kernel(string source, long clock, NvtxIndex nvtx)
    {
        _bad = null;
        long rowId = r.IsDBNull(Q.RowId) ? 0 : r.GetInt64(Q.RowId);
        long start = Req(Q.Start, "start"), end = Req(Q.End, "end");
        string? shortName = r.IsDBNull(Q.ShortName) ? null : r.GetValue(Q.ShortName).ToString();
        string? fullName = r.IsDBNull(Q.FullName) ? null : r.GetValue(Q.FullName).ToString();
        if (_bad is null && (shortName is null || fullName is null))
        {
            string id = shortName is null ? Show(Q.ShortNameId) : Show(Q.FullNameId);
            return Reject(rowId, shortName is null ? "shortName" : "demangledName", $"name id {id} has no row in StringIds; expected every kernel name id to resolve");
        }
        long smemStatic = Req(Q.SmemStatic, "staticSharedMemory"), smemDynamic = Req(Q.SmemDynamic, "dynamicSharedMemory");
        var k = new KernelRecord
        {
            Source = source, NameFull = fullName!, NameShort = shortName!,
            DeviceIdx = Int(Q.Device, "deviceId"), Stream = Opt(Q.Stream), Correlation = Opt(Q.Correlation),
            RegsPerThread = Int(Q.Regs, "registersPerThread"),
            GridX = Int(Q.Grid, "gridX"), GridY = Int(Q.Grid + 1, "gridY"), GridZ = Int(Q.Grid + 2, "gridZ"),
            BlockX = Int(Q.Block, "blockX"), BlockY = Int(Q.Block + 1, "blockY"), BlockZ = Int(Q.Block + 2, "blockZ"),
            SmemStaticBytes = smemStatic, SmemDynamicBytes = smemDynamic, SmemTotalBytes = smemStatic + smemDynamic,
            GraphNode = Opt(Q.GraphNode), SourceRow = rowId,
            NvtxPath = r.IsDBNull(Q.CallerTid) || r.IsDBNull(Q.CallerStart) ? null : nvtx.PathAt(r.GetInt64(Q.CallerTid), r.GetInt64(Q.CallerStart)),
        };
        return Finish(k, "CUPTI_ACTIVITY_KIND_KERNEL", rowId, start, end, clock);
    }

    public KernelRecord? Copy(string table, string kind, string source, long clock)
    {
        _bad = null;
        bool memcpy = kind == "memcpy";
        long rowId = r.IsDBNull(7) ? 0 : r.GetInt64(7);
        long start = Req(0, "start"), end = Req(1, "end");
        string? copyKind = memcpy && !r.IsDBNull(6) && r.GetFieldType(6) == typeof(long) ? NsysSqliteReader.CopyKindName(r.GetInt64(6)) : null;
        var k = new KernelRecord
        {
            Source = source, Kind = kind, NameFull = memcpy ? $"[CUDA memcpy {copyKind}]" : "[CUDA memset]",
            NameShort = memcpy ? "memcpy" : "memset", DeviceIdx = Int(2, "deviceId"), Stream = Opt(3),
            Correlation = Opt(4), Bytes = Opt(5), CopyKind = copyKind, SourceRow = rowId,
        };
        return Finish(k, table, rowId, start, end, clock);
    }

    private KernelRecord? Finish(KernelRecord k, string table, long rowId, long start, long end, long clock)
    {
        if (_bad is not null)
        {
            return Reject(rowId, _bad, $"expected an integer (not NULL, not text, within range) in {table}");
        }
        if (end < start || Core.Diagnostics.Checked.Add(end, -start) is null || Core.Diagnostics.Checked.Add(start, -clock) is null)
        {
            return Reject(rowId, "end", $"expected end >= start within the int64-ns range in {table}, got start={start} end={end}");
        }
        k.StartNs = start - clock;
        k.DurNs = end - start;
        return k;
    }

    private KernelRecord? Reject(long rowId, string field, string reason)
    {
        context.Reject(path, rowId, field, reason, "");
        return null;
    }

    private long Req(int i, string name)
    {
        if (!r.IsDBNull(i) && r.GetFieldType(i) == typeof(long))
        {
            return r.GetInt64(i);
        }
        _bad ??= name;
        return 0;
    }

    private long? Opt(int i) => !r.IsDBNull(i) && r.GetFieldType(i) == typeof(long) ? r.GetInt64(i) : null;

    private int? Int(int i, string name)
    {
        long? v = Opt(i);
        if (v is null or (>= int.MinValue and <= int.MaxValue))
        {
            return (int?)v;
        }
        _bad ??= name;
        return null;
    }

    private string Show(int i) => r.IsDBNull(i) ? "NULL" : r.GetValue(i).ToString() ?? "";
}

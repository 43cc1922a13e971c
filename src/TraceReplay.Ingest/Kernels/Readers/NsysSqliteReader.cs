using System.Globalization;
using Microsoft.Data.Sqlite;
using TraceReplay.Core.Kernels;
using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// Nsight Systems SQLite export: kernels joined with StringIds, memcpy/memset, and NVTX push/pop ranges attached to
/// each kernel through its launching runtime call (same thread, range encloses the call's start). Start times are
/// converted to ns since the session start; the absolute epoch of the first row goes to file metadata
/// (epoch_ns = utcEpochNs + (start - systemClockNs)).
/// </summary>
public sealed class NsysSqliteReader : IKernelReader
{
    public string Format => "nsys-sqlite";

    public IEnumerable<KernelRecord> Read(string path, IngestContext context)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        if (!HasTable(connection, "CUPTI_ACTIVITY_KIND_KERNEL"))
        {
            throw IngestException.File(path, "SQLite file has no CUPTI_ACTIVITY_KIND_KERNEL table; expected an `nsys export --type sqlite` of a run with CUDA tracing");
        }
        (long epoch, long clock) = TimeBase(connection);
        context.Metadata.TryAdd(KernelColumns.MetaStartEpochNs, epoch.ToString(CultureInfo.InvariantCulture));
        NvtxIndex nvtx = NvtxIndex.Load(connection);
        string source = Path.GetFileName(path);
        var rows = new List<KernelRecord>();
        using (SqliteCommand cmd = connection.CreateCommand())
        {
            cmd.CommandText = """
                SELECT k.start, k.end, k.deviceId, k.streamId, k.correlationId, s.value, d.value, k.registersPerThread,
                       k.gridX, k.gridY, k.gridZ, k.blockX, k.blockY, k.blockZ, k.staticSharedMemory, k.dynamicSharedMemory,
                       k.graphNodeId, r.globalTid, r.start, k.rowid
                FROM CUPTI_ACTIVITY_KIND_KERNEL k
                JOIN StringIds s ON s.id = k.shortName JOIN StringIds d ON d.id = k.demangledName
                LEFT JOIN CUPTI_ACTIVITY_KIND_RUNTIME r ON r.correlationId = k.correlationId
                ORDER BY k.start, k.rowid
                """;
            using SqliteDataReader r = cmd.ExecuteReader();
            while (r.Read())
            {
                context.CountRow();
                long start = r.GetInt64(0), end = r.GetInt64(1);
                if (end < start)
                {
                    context.Reject(path, r.GetInt64(19), "end", $"negative duration ({end - start} ns); expected end >= start", $"start={start} end={end}");
                    continue;
                }
                long smemStatic = r.GetInt64(14), smemDynamic = r.GetInt64(15);
                rows.Add(new KernelRecord
                {
                    Source = source, NameFull = r.GetString(6), NameShort = r.GetString(5),
                    DeviceIdx = r.GetInt32(2), Stream = r.GetInt64(3), Correlation = r.GetInt64(4),
                    StartNs = start - clock, DurNs = end - start, RegsPerThread = r.GetInt32(7),
                    GridX = r.GetInt32(8), GridY = r.GetInt32(9), GridZ = r.GetInt32(10),
                    BlockX = r.GetInt32(11), BlockY = r.GetInt32(12), BlockZ = r.GetInt32(13),
                    SmemStaticBytes = smemStatic, SmemDynamicBytes = smemDynamic, SmemTotalBytes = smemStatic + smemDynamic,
                    GraphNode = r.IsDBNull(16) ? null : r.GetInt64(16),
                    NvtxPath = r.IsDBNull(17) ? null : nvtx.PathAt(r.GetInt64(17), r.GetInt64(18)),
                    SourceRow = r.GetInt64(19),
                });
            }
        }
        ReadCopies(connection, path, source, clock, "CUPTI_ACTIVITY_KIND_MEMCPY", "memcpy", rows, context);
        ReadCopies(connection, path, source, clock, "CUPTI_ACTIVITY_KIND_MEMSET", "memset", rows, context);
        return rows;
    }

    private static void ReadCopies(SqliteConnection connection, string path, string source, long clock, string table, string kind, List<KernelRecord> rows, IngestContext context)
    {
        if (!HasTable(connection, table))
        {
            return;
        }
        bool memcpy = kind == "memcpy";
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT start, end, deviceId, streamId, correlationId, bytes, {(memcpy ? "copyKind" : "NULL")}, rowid FROM {table} ORDER BY start";
        using SqliteDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            context.CountRow();
            long start = r.GetInt64(0), end = r.GetInt64(1);
            if (end < start)
            {
                context.Reject(path, r.GetInt64(7), "end", $"negative duration ({end - start} ns) in {table}; expected end >= start", $"start={start} end={end}");
                continue;
            }
            string? copyKind = memcpy && !r.IsDBNull(6) ? CopyKindName(r.GetInt32(6)) : null;
            rows.Add(new KernelRecord
            {
                Source = source, Kind = kind, NameFull = memcpy ? $"[CUDA memcpy {copyKind}]" : "[CUDA memset]",
                NameShort = memcpy ? "memcpy" : "memset", DeviceIdx = r.GetInt32(2), Stream = r.GetInt64(3),
                Correlation = r.GetInt64(4), StartNs = start - clock, DurNs = end - start, Bytes = r.GetInt64(5),
                CopyKind = copyKind, SourceRow = r.GetInt64(7),
            });
        }
    }

    // ENUM_CUDA_MEMCPY_OPER values (FORMATS.md 1.2).
    private static string CopyKindName(int kind) => kind switch
    {
        1 => "Host-to-Device",
        2 => "Device-to-Host",
        8 => "Device-to-Device",
        10 => "Peer-to-Peer",
        _ => $"kind {kind.ToString(CultureInfo.InvariantCulture)}",
    };

    private static (long EpochNs, long ClockNs) TimeBase(SqliteConnection connection)
    {
        if (!HasTable(connection, "TARGET_INFO_SESSION_START_TIME"))
        {
            return (0, 0);
        }
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT utcEpochNs, systemClockNs FROM TARGET_INFO_SESSION_START_TIME LIMIT 1";
        using SqliteDataReader r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), r.GetInt64(1)) : (0, 0);
    }

    internal static bool HasTable(SqliteConnection connection, string table)
    {
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM sqlite_master WHERE type='table' AND name=$n";
        cmd.Parameters.AddWithValue("$n", table);
        return cmd.ExecuteScalar() is not null;
    }
}

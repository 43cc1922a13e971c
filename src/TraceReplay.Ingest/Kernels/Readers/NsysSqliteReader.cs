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
        try
        {
            return ReadAll(path, context);
        }
        catch (SqliteException ex)
        {
            // Missing table or column, corrupt pages, not a database: the file is not a usable nsys export.
            throw IngestException.File(path, $"not a readable Nsight Systems SQLite export (SQLite error {ex.SqliteErrorCode}: {Core.Text.Fields.Clip(ex.Message)}); expected `nsys export --type sqlite` output");
        }
    }

    private static List<KernelRecord> ReadAll(string path, IngestContext context)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
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
            cmd.CommandText = NsysKernelQuery.Build(connection);
            using SqliteDataReader r = cmd.ExecuteReader();
            var row = new NsysRow(r, path, context);
            while (r.Read())
            {
                context.CountRow();
                if (row.Kernel(source, clock, nvtx) is { } kernel)
                {
                    rows.Add(kernel);
                }
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
        var row = new NsysRow(r, path, context);
        while (r.Read())
        {
            context.CountRow();
            if (row.Copy(table, kind, source, clock) is { } copy)
            {
                rows.Add(copy);
            }
        }
    }

    // ENUM_CUDA_MEMCPY_OPER values (FORMATS.md 1.2).
    internal static string CopyKindName(long kind) => kind switch
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
        return r.Read() && !r.IsDBNull(0) && !r.IsDBNull(1) ? (r.GetInt64(0), r.GetInt64(1)) : (0, 0);
    }

    internal static bool HasTable(SqliteConnection connection, string table)
    {
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM sqlite_master WHERE type='table' AND name=$n";
        cmd.Parameters.AddWithValue("$n", table);
        return cmd.ExecuteScalar() is not null;
    }
}

using Microsoft.Data.Sqlite;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// The kernel query of an nsys SQLite export. Names come through LEFT JOINs on StringIds (a missing id becomes a
/// rejected row, never a dropped one) and the launching runtime call through a LEFT JOIN on a table grouped to one
/// row per (correlation id, process), so a join never multiplies kernels: correlation ids repeat across processes.
/// </summary>
internal static class NsysKernelQuery
{
    public const int Start = 0, End = 1, Device = 2, Stream = 3, Correlation = 4, ShortName = 5, FullName = 6, Regs = 7,
        Grid = 8, Block = 11, SmemStatic = 14, SmemDynamic = 15, GraphNode = 16, CallerTid = 17, CallerStart = 18, RowId = 19,
        ShortNameId = 20, FullNameId = 21;

    public static string Build(SqliteConnection connection)
    {
        bool perProcess = HasColumn(connection, "CUPTI_ACTIVITY_KIND_KERNEL", "globalPid");
        bool runtime = NsysSqliteReader.HasTable(connection, "CUPTI_ACTIVITY_KIND_RUNTIME");
        string runtimeJoin = !runtime ? "LEFT JOIN (SELECT NULL AS correlationId, NULL AS pid, NULL AS globalTid, NULL AS start) r ON 0"
            : perProcess
                ? "LEFT JOIN (SELECT correlationId, globalTid >> 24 AS pid, MIN(globalTid) AS globalTid, MIN(start) AS start FROM CUPTI_ACTIVITY_KIND_RUNTIME GROUP BY correlationId, globalTid >> 24) r " +
                  "ON r.correlationId = k.correlationId AND r.pid = k.globalPid >> 24"
                : "LEFT JOIN (SELECT correlationId, MIN(globalTid) AS globalTid, MIN(start) AS start FROM CUPTI_ACTIVITY_KIND_RUNTIME GROUP BY correlationId) r " +
                  "ON r.correlationId = k.correlationId";
        return $"""
            SELECT k.start, k.end, k.deviceId, k.streamId, k.correlationId, s.value, d.value, k.registersPerThread,
                   k.gridX, k.gridY, k.gridZ, k.blockX, k.blockY, k.blockZ, k.staticSharedMemory, k.dynamicSharedMemory,
                   k.graphNodeId, r.globalTid, r.start, k.rowid, k.shortName, k.demangledName
            FROM CUPTI_ACTIVITY_KIND_KERNEL k
            LEFT JOIN StringIds s ON s.id = k.shortName LEFT JOIN StringIds d ON d.id = k.demangledName
            {runtimeJoin}
            ORDER BY k.start, k.rowid
            """;
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT 1 FROM pragma_table_info('{table}') WHERE name = $c";
        cmd.Parameters.AddWithValue("$c", column);
        return cmd.ExecuteScalar() is not null;
    }
}

using Microsoft.Data.Sqlite;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>NVTX push/pop ranges per thread, for "which ranges enclose this time on this thread" lookups.</summary>
internal sealed class NvtxIndex
{
    private readonly Dictionary<long, (long Start, long End, string Name)[]> _byThread = [];

    public static NvtxIndex Load(SqliteConnection connection)
    {
        var index = new NvtxIndex();
        if (!NsysSqliteReader.HasTable(connection, "NVTX_EVENTS"))
        {
            return index;
        }
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT n.globalTid, n.start, n.end, COALESCE(n.text, s.value)
            FROM NVTX_EVENTS n LEFT JOIN StringIds s ON s.id = n.textId
            WHERE n.eventType = 59 AND n.end IS NOT NULL ORDER BY n.globalTid, n.start
            """;
        using SqliteDataReader r = cmd.ExecuteReader();
        var lists = new Dictionary<long, List<(long, long, string)>>();
        while (r.Read())
        {
            long tid = r.IsDBNull(0) ? 0 : r.GetInt64(0);
            if (!lists.TryGetValue(tid, out var list))
            {
                lists[tid] = list = [];
            }
            list.Add((r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? "" : r.GetString(3)));
        }
        foreach ((long tid, var list) in lists)
        {
            index._byThread[tid] = [.. list];
        }
        return index;
    }

    /// <summary>Enclosing ranges, outermost first, joined by " > "; null when none.</summary>
    public string? PathAt(long globalTid, long timeNs)
    {
        if (!_byThread.TryGetValue(globalTid, out var ranges))
        {
            return null;
        }
        // Ranges are sorted by start; any enclosing range starts at or before t. Push/pop nest, so scan back from the
        // last start <= t while collecting those that still cover t (bounded by nesting depth in practice).
        int hi = UpperBound(ranges, timeNs);
        var path = new List<string>();
        for (int i = hi - 1; i >= 0 && path.Count < 64; i--)
        {
            if (ranges[i].End >= timeNs)
            {
                path.Add(ranges[i].Name);
            }
            else if (i < hi - 4096)
            {
                break;
            }
        }
        path.Reverse();
        return path.Count == 0 ? null : string.Join(" > ", path);
    }

    private static int UpperBound((long Start, long End, string Name)[] ranges, long t)
    {
        int lo = 0, hi = ranges.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (ranges[mid].Start <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}

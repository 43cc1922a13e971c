using Microsoft.Data.Sqlite;

namespace TraceReplay.Cli.Tests.Fuzz;

/// <summary>Mutations of an nsys SQLite export: dropped tables and columns, NULLs, text and huge numbers, orphan ids, duplicated joins, corrupt pages.</summary>
public static class SqliteMutator
{
    private static readonly string[] s_tables =
        ["CUPTI_ACTIVITY_KIND_KERNEL", "StringIds", "CUPTI_ACTIVITY_KIND_RUNTIME", "CUPTI_ACTIVITY_KIND_MEMCPY", "CUPTI_ACTIVITY_KIND_MEMSET",
         "TARGET_INFO_SESSION_START_TIME", "NVTX_EVENTS", "ThreadNames"];

    private static readonly string[] s_values = ["NULL", "'x'", "9223372036854775807", "-9223372036854775808", "-1", "0", "4294967296", "1e300", "X'00'"];

    /// <summary>Writes a mutated copy of <paramref name="sample"/> to <paramref name="path"/>.</summary>
    public static void Mutate(string sample, string path, Random random)
    {
        File.Copy(sample, path, overwrite: true);
        if (random.Next(6) == 0)
        {
            byte[] bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, random.Next(2) == 0 ? bytes[..random.Next(bytes.Length + 1)] : TextMutator.Flip(bytes, random));
            return;
        }
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            int rounds = 1 + random.Next(3);
            for (int i = 0; i < rounds; i++)
            {
                string table = s_tables[random.Next(random.Next(3) == 0 ? s_tables.Length : 3)];
                string[] columns = Columns(c, table);
                if (columns.Length == 0)
                {
                    continue;
                }
                string column = columns[random.Next(columns.Length)];
                string sql = random.Next(6) switch
                {
                    0 => $"DROP TABLE \"{table}\"",
                    1 => $"ALTER TABLE \"{table}\" DROP COLUMN \"{column}\"",
                    2 => $"DELETE FROM \"{table}\" WHERE rowid % {2 + random.Next(4)} = 0",
                    3 => $"INSERT INTO \"{table}\" SELECT * FROM \"{table}\" WHERE rowid % 3 = 0",
                    _ => $"UPDATE \"{table}\" SET \"{column}\" = {s_values[random.Next(s_values.Length)]} WHERE rowid % {1 + random.Next(5)} = 0",
                };
                try
                {
                    using SqliteCommand cmd = c.CreateCommand();
                    cmd.CommandText = sql;
                    cmd.ExecuteNonQuery();
                }
                catch (SqliteException)
                {
                    // Some edits are impossible (dropping a primary key column, NOT NULL): the case keeps the others.
                }
            }
        }
        SqliteConnection.ClearAllPools();
    }

    private static string[] Columns(SqliteConnection c, string table)
    {
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        using SqliteDataReader r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read())
        {
            names.Add(r.GetString(0));
        }
        return [.. names];
    }
}

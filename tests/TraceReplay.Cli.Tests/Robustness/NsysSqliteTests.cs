using Microsoft.Data.Sqlite;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Robustness;

/// <summary>Issue 19: nsys SQLite joins never drop or multiply kernels; NULLs, missing tables/columns and corrupt pages are clean errors.</summary>
public sealed class NsysSqliteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-nsys-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Three kernels; kernel 3's name id 99 has no StringIds row; correlation 7 appears in two processes.</summary>
    private string Db(string name, params string[] extraSql)
    {
        string path = Path.Combine(_dir, name);
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            string sql = """
                CREATE TABLE StringIds (id INTEGER PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO StringIds VALUES (1, 'gemm_kernel'), (2, 'void gemm_kernel<128>()');
                CREATE TABLE CUPTI_ACTIVITY_KIND_KERNEL (start INTEGER, end INTEGER, deviceId INTEGER, streamId INTEGER, correlationId INTEGER,
                  globalPid INTEGER, demangledName INTEGER, shortName INTEGER, registersPerThread INTEGER, gridX INTEGER, gridY INTEGER, gridZ INTEGER,
                  blockX INTEGER, blockY INTEGER, blockZ INTEGER, staticSharedMemory INTEGER, dynamicSharedMemory INTEGER, graphNodeId INTEGER);
                INSERT INTO CUPTI_ACTIVITY_KIND_KERNEL VALUES
                  (1000, 2000, 0, 7, 7, 16777216, 2, 1, 32, 1, 1, 1, 128, 1, 1, 0, 0, NULL),
                  (3000, 4000, 0, 7, 8, 16777216, 2, 1, 32, 1, 1, 1, 128, 1, 1, 0, 0, NULL),
                  (5000, 6000, 0, 7, 9, 16777216, 99, 99, 32, 1, 1, 1, 128, 1, 1, 0, 0, NULL);
                CREATE TABLE CUPTI_ACTIVITY_KIND_RUNTIME (start INTEGER, end INTEGER, eventClass INTEGER, globalTid INTEGER, correlationId INTEGER, nameId INTEGER);
                INSERT INTO CUPTI_ACTIVITY_KIND_RUNTIME VALUES (900, 950, 0, 16777217, 7, 1), (901, 951, 0, 33554433, 7, 1), (2900, 2950, 0, 16777217, 8, 1);
                """;
            foreach (string s in new[] { sql }.Concat(extraSql))
            {
                using SqliteCommand cmd = c.CreateCommand();
                cmd.CommandText = s;
                cmd.ExecuteNonQuery();
            }
        }
        SqliteConnection.ClearAllPools();
        return path;
    }

    private InProcess.Result Ingest(string db, params string[] extra) =>
        InProcess.Run([.. new[] { "ingest", "kernels", db, "--format", "nsys-sqlite", "-o", Path.Combine(_dir, "k.parquet") }, .. extra]);

    [Fact]
    public void An_unresolved_name_id_is_a_rejected_row_and_the_correlation_join_does_not_duplicate()
    {
        InProcess.Result r = Ingest(Db("a.sqlite"), "--max-errors", "10");
        Assert.True(r.ExitCode == 0, r.ToString());
        // 3 kernels in: 2 written (no duplicate from correlation 7 in a second process) + 1 rejected (name id 99).
        Assert.Contains("rows read 3 = rows written 2 + rows rejected 1", r.StdOut);
        Assert.Contains("name id 99 has no row in StringIds", File.ReadAllText(Path.Combine(_dir, "k.parquet.rejected.csv")));
    }

    [Fact]
    public void Without_max_errors_the_unresolved_name_stops_the_run_with_its_rowid()
    {
        InProcess.Result r = Ingest(Db("b.sqlite"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("b.sqlite:3: field 'shortName'", r.StdErr);
    }

    [Fact]
    public void A_null_start_is_a_rejected_row()
    {
        InProcess.Result r = Ingest(Db("c.sqlite", "UPDATE CUPTI_ACTIVITY_KIND_KERNEL SET start = NULL WHERE correlationId = 8"), "--max-errors", "10");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("rows read 3 = rows written 1 + rows rejected 2", r.StdOut);
    }

    [Theory]
    [InlineData("ALTER TABLE CUPTI_ACTIVITY_KIND_KERNEL DROP COLUMN registersPerThread")]
    [InlineData("DROP TABLE StringIds")]
    public void A_missing_column_or_table_is_a_clean_error_naming_the_file(string sql)
    {
        InProcess.Result r = Ingest(Db("d.sqlite", sql));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.StdErr);
        Assert.Contains("d.sqlite", r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr);
    }

    [Fact]
    public void Corrupt_pages_are_a_clean_error()
    {
        string path = Db("e.sqlite");
        byte[] bytes = File.ReadAllBytes(path);
        for (int i = 4096; i < bytes.Length; i += 7)
        {
            bytes[i] ^= 0x5A;
        }
        File.WriteAllBytes(path, bytes);
        InProcess.Result r = Ingest(path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("e.sqlite", r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr);
    }
}

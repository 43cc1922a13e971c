using TraceReplay.Core.Requests;
using TraceReplay.Parquet.Requests;

namespace TraceReplay.Core.Tests.Requests;

public sealed class RequestParquetTests
{
    [Fact]
    public async Task Round_trips_across_row_groups_with_metadata()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "requests.parquet");
        int n = RequestParquetWriter.RowGroupRows + 17;
        await using (RequestParquetWriter writer = await RequestParquetWriter.CreateAsync(path, new Dictionary<string, string> { ["source"] = "test" }))
        {
            for (int i = 0; i < n; i++)
            {
                await writer.AddAsync(new RequestRecord(i, i * 1_000_000L, 100 + i % 7, 1 + i % 5));
            }
        }
        var back = new List<RequestRecord>();
        await foreach (RequestRecord r in RequestParquetReader.ReadAsync(path))
        {
            back.Add(r);
        }
        Assert.Equal(n, back.Count);
        Assert.Equal(new RequestRecord(n - 1, (n - 1) * 1_000_000L, 100 + (n - 1) % 7, 1 + (n - 1) % 5), back[^1]);
        IReadOnlyDictionary<string, string> meta = await RequestParquetReader.ReadMetadataAsync(path);
        Assert.Equal("test", meta["source"]);
        Assert.Equal(RequestColumns.SchemaVersion, meta[RequestColumns.SchemaVersionKey]);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public async Task Same_rows_give_byte_identical_files()
    {
        // Several row groups, so the double-buffered writer has groups in flight while rows keep arriving.
        string dir = Directory.CreateTempSubdirectory().FullName;
        int n = 2 * RequestParquetWriter.RowGroupRows + 3;
        foreach (string name in new[] { "a.parquet", "b.parquet" })
        {
            RequestParquetWriter writer = await RequestParquetWriter.CreateAsync(Path.Combine(dir, name), new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" });
            for (int i = 0; i < n; i++)
            {
                await writer.AddAsync(new RequestRow(new RequestRecord(i, i * 7L, i, i), i % 2 == 0, "x.csv", i, i % 5 == 0 ? null : i));
            }
            writer.SetMetadata(new Dictionary<string, string> { ["late"] = "after the last row" });
            await writer.DisposeAsync();
            Assert.Equal(n, writer.RowsWritten);
        }
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a.parquet")), File.ReadAllBytes(Path.Combine(dir, "b.parquet")));
        IReadOnlyDictionary<string, string> meta = await RequestParquetReader.ReadMetadataAsync(Path.Combine(dir, "a.parquet"));
        Assert.Equal(("2", "after the last row"), (meta["a"], meta["late"]));
    }

    [Fact]
    public async Task An_aborted_write_with_groups_in_flight_leaves_no_file()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        string path = Path.Combine(dir, "requests.parquet");
        RequestParquetWriter writer = await RequestParquetWriter.CreateAsync(path, new Dictionary<string, string>());
        for (int i = 0; i < RequestParquetWriter.RowGroupRows + 10; i++)
        {
            await writer.AddAsync(new RequestRecord(i, i, 1, 1));
        }
        await writer.AbortAsync();
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task Hash_ids_and_their_block_tokens_come_back_per_row()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "requests.parquet");
        long[]?[] hashes = [null, [5, 6], [], [7], null, [5, 6, 9]];
        await using (RequestParquetWriter writer = await RequestParquetWriter.CreateAsync(path, new Dictionary<string, string>()))
        {
            for (int i = 0; i < hashes.Length; i++)
            {
                await writer.AddAsync(new RequestRecord(i, i, 1000, 10, hashes[i], hashes[i] is null ? 0 : 512));
            }
        }
        var back = new List<RequestRecord>();
        await foreach (RequestRecord r in RequestParquetReader.ReadAsync(path))
        {
            back.Add(r);
        }
        Assert.Equal(hashes.Length, back.Count);
        for (int i = 0; i < hashes.Length; i++)
        {
            Assert.Equal(hashes[i], back[i].HashIds);
            Assert.Equal(hashes[i] is null ? 0 : 512, back[i].HashBlockTokens);
        }
    }

    [Fact]
    public async Task Reused_row_group_buffers_keep_every_row_and_its_hashes_in_order()
    {
        // Four row groups through one reused buffer: the hash_ids levels of a group must not leak into the next.
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "requests.parquet");
        int n = 3 * RequestParquetWriter.RowGroupRows + 5;
        static long[]? Hashes(int i) => i % 3 == 0 ? null : [i, i + 1L];
        await using (RequestParquetWriter writer = await RequestParquetWriter.CreateAsync(path, new Dictionary<string, string>()))
        {
            for (int i = 0; i < n; i++)
            {
                await writer.AddAsync(new RequestRecord(i, i * 3L, 1 + i % 11, 1 + i % 13, Hashes(i), i % 3 == 0 ? 0 : 16));
            }
        }
        int row = 0;
        await foreach (RequestRecord r in RequestParquetReader.ReadAsync(path))
        {
            Assert.Equal((row, row * 3L, 1 + row % 11, 1 + row % 13), (r.Id, r.ArrivalNs, r.PromptTokens, r.OutputTokens));
            Assert.Equal(Hashes(row), r.HashIds);
            row++;
        }
        Assert.Equal(n, row);
    }
}

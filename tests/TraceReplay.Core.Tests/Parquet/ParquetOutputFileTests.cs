using Parquet;
using Parquet.Schema;
using TraceReplay.Parquet;

namespace TraceReplay.Core.Tests.Parquet;

public sealed class ParquetOutputFileTests
{
    private static readonly DataField<long> s_id = new("id");

    [Fact]
    public async Task Appears_only_on_complete_with_sorted_metadata_and_no_temp_left()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        string path = Path.Combine(dir, "t.parquet");
        await using (ParquetOutputFile file = await ParquetOutputFile.CreateAsync(path, new ParquetSchema(s_id), new Dictionary<string, string> { ["z"] = "1" }))
        {
            using (ParquetRowGroupWriter group = file.NewRowGroup())
            {
                await group.WriteAsync<long>(s_id, new long[] { 1, 2, 3 });
            }
            file.SetMetadata(new Dictionary<string, string> { ["a"] = "2" });
            Assert.False(File.Exists(path));
            await file.CompleteAsync();
        }
        await using ParquetReader reader = await ParquetInput.OpenAsync(path);
        Assert.Equal(["a", "z"], reader.CustomMetadata.Keys);
        Assert.Equal(3, reader.OpenRowGroupReader(0).RowCount);
        Assert.Equal([path], Directory.GetFiles(dir));
    }

    [Fact]
    public async Task Disposed_without_complete_leaves_nothing()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        string path = Path.Combine(dir, "t.parquet");
        await using (ParquetOutputFile file = await ParquetOutputFile.CreateAsync(path, new ParquetSchema(s_id), new Dictionary<string, string>()))
        {
            using ParquetRowGroupWriter group = file.NewRowGroup();
            await group.WriteAsync<long>(s_id, new long[] { 1 });
        }
        Assert.Empty(Directory.GetFiles(dir));
    }
}

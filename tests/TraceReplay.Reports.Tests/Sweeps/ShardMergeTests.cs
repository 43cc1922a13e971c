using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Reports.Sweeps;
using TraceReplay.Reports.Tests.Infrastructure;

namespace TraceReplay.Reports.Tests.Sweeps;

public sealed class ShardMergeTests
{
    private static readonly SweepGrid s_grid = new(
        new Dictionary<string, TraceReplay.Simulation.Engine.ReplayOptions> { ["sarathi"] = ReplayFixture.Options(), ["vllm"] = ReplayFixture.Options("vllm") }, ["sarathi", "vllm"], [20.0, 35.0], [256, 512], ["auto"], "poisson", "test", "roofline");

    private static IReadOnlyList<SweepRow> Run(ShardSpec shard, int jobs = 2) =>
        SweepRunner.Run(s_grid, ReplayFixture.Requests(150, 1, seed: 2), o => new RooflineCostModel(GpuCatalog.Resolve(o.Gpu)), shard, jobs);

    [Fact]
    public void Three_shards_merged_equal_one_unsharded_run_row_for_row_and_byte_for_byte()
    {
        using var tmp = new TempDir();
        string whole = tmp.Sub("whole.parquet");
        SweepParquet.Write(whole, Run(ShardSpec.Whole), SweepRunner.Metadata(s_grid, ShardSpec.Whole));
        var shardFiles = new List<string>();
        foreach (int i in new[] { 2, 0, 1 })
        {
            var shard = new ShardSpec(i, 3);
            string f = tmp.Sub(SweepParquet.ShardFileName(shard));
            SweepParquet.Write(f, Run(shard, jobs: 1), SweepRunner.Metadata(s_grid, shard));
            shardFiles.Add(f);
        }
        (IReadOnlyList<SweepRow> rows, IReadOnlyDictionary<string, string> meta) = SweepMerger.Merge(shardFiles);
        string merged = tmp.Sub("merged.parquet");
        SweepParquet.Write(merged, rows, meta);

        Assert.Equal(6, rows.Count); // sarathi x 2 chunk sizes x 2 rates + vllm x 2 rates
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(merged));
        List<object?[]> a = DuckDb.Rows($"SELECT * FROM {DuckDb.Q(whole)} ORDER BY grid_index");
        List<object?[]> b = DuckDb.Rows($"SELECT * FROM {DuckDb.Q(merged)} ORDER BY grid_index");
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i], b[i]);
        }
        Assert.Equal(6.0, DuckDb.Double($"SELECT count(DISTINCT grid_index) FROM {DuckDb.Q(merged)}"));
        Assert.Equal(2.0, DuckDb.Double($"SELECT count(*) FROM {DuckDb.Q(merged)} WHERE scheduler = 'vllm' AND chunk_tokens IS NULL"));
    }

    [Fact]
    public void Merge_rejects_a_missing_shard_and_shards_of_another_grid()
    {
        using var tmp = new TempDir();
        var s0 = new ShardSpec(0, 2);
        string f0 = tmp.Sub("a.parquet"), other = tmp.Sub("b.parquet");
        SweepParquet.Write(f0, Run(s0, 1), SweepRunner.Metadata(s_grid, s0));
        Assert.Contains("missing shard(s) 1/2", Assert.Throws<InvalidDataException>(() => SweepMerger.Merge([f0])).Message);
        SweepGrid otherGrid = s_grid with { Rates = [20.0, 36.0] };
        SweepParquet.Write(other, [], SweepRunner.Metadata(otherGrid, new ShardSpec(1, 2)));
        Assert.Contains("shards of different sweeps", Assert.Throws<InvalidDataException>(() => SweepMerger.Merge([f0, other])).Message);
    }

    [Fact]
    public void Shard_index_comes_from_the_flag_kubernetes_or_slurm()
    {
        Func<string, string?> none = _ => null;
        Assert.Equal(new ShardSpec(2, 4), ShardSpec.Resolve("2/4", null, none));
        Assert.Equal(ShardSpec.Whole, ShardSpec.Resolve(null, null, none));
        Assert.Equal(new ShardSpec(3, 8), ShardSpec.Resolve(null, 8, k => k == "JOB_COMPLETION_INDEX" ? "3" : null));
        var slurm = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "5", ["SLURM_ARRAY_TASK_MIN"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "6" };
        Assert.Equal(new ShardSpec(4, 6), ShardSpec.Resolve(null, null, k => slurm.GetValueOrDefault(k)));
        Assert.Throws<ArgumentException>(() => ShardSpec.Resolve("4/4", null, none));
        Assert.Throws<ArgumentException>(() => ShardSpec.Resolve(null, null, k => k == "JOB_COMPLETION_INDEX" ? "1" : null));
    }

    [Fact]
    public void Rates_parse_ranges_without_drift()
    {
        Assert.Equal([1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0], RateList.Parse("1.0:2.0:0.1"));
        Assert.Equal([1.0, 2.5], RateList.Parse("1,2.5"));
        Assert.Throws<ArgumentException>(() => RateList.Parse("2:1:0.1"));
        Assert.Throws<ArgumentException>(() => RateList.Parse("1,x"));
    }
}

using System.Text.Json;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Engine;

/// <summary>Whole replays of the first 1,000 Mooncake conversation requests (tests/data), checked against what their hashes allow.</summary>
public sealed class PrefixCachingReplayTests
{
    private static readonly List<RequestRecord> s_mooncake = ReadMooncake(TestRepo.Path("tests", "data", "requests", "mooncake.head1000.jsonl"));

    [Fact]
    public void With_room_for_everything_and_no_overlap_the_hit_rate_is_what_the_hashes_allow()
    {
        // One request at a time (100 s apart), KV for all: every block an earlier request computed is still cached.
        List<RequestRecord> spaced = [.. s_mooncake.Take(300).Select((r, i) => r with { ArrivalNs = i * 100_000_000_000L })];
        ReplayOptions o = Replays.Qwen("vllm-v1") with { KvBlocksOverride = 2_000_000 };
        using var dir = new TempDir();
        PrefixCacheSummary p = Replays.Run(o, spaced, dir.Path).PrefixCache!;
        long allowed = Allowed(spaced, _ => 0);
        Assert.True(allowed > 0);
        Assert.Equal(allowed, p.HitTokens);
        Assert.Equal(spaced.Sum(r => (long)r.PromptTokens), p.PromptTokens);
        Assert.Equal(allowed / (double)p.PromptTokens, p.HitRate, 12);
    }

    [Theory]
    [InlineData("vllm-v1", RouterPolicy.PrefixAware, 4000)]
    [InlineData("sarathi", RouterPolicy.LeastOutstanding, 4000)]
    [InlineData("vllm", RouterPolicy.RoundRobin, 1500)]
    public void Hits_never_exceed_what_the_hashes_allow_on_each_instance(string scheduler, RouterPolicy router, int kvBlocks)
    {
        // Real arrivals, 4 replicas, and little KV (evictions, preemptions): every hit must still be a block an earlier
        // request on the same instance computed.
        ReplayOptions o = Replays.Qwen(scheduler) with { Replicas = 4, Router = router, KvBlocksOverride = kvBlocks };
        var sink = new CollectingSink();
        var sim = new ReplaySimulation(o, new Core.Cost.RooflineCostModel(Core.Hardware.GpuCatalog.Resolve(o.Gpu)), sink);
        ReplaySummary s = sim.Run(s_mooncake);
        Dictionary<long, int> instanceOf = sink.Requests.Where(r => r.Completed).ToDictionary(r => r.Id, r => r.Instance);
        List<RequestRecord> completed = [.. s_mooncake.Where(r => instanceOf.ContainsKey(r.Id))];
        PrefixCacheSummary p = s.PrefixCache!;
        Assert.True(p.HitTokens > 0);
        foreach (PrefixCacheSummary.Instance i in p.PerInstance)
        {
            List<RequestRecord> mine = [.. completed.Where(r => instanceOf[r.Id] == i.Index)];
            Assert.InRange(i.HitTokens, 0, Allowed(mine, _ => 0));
            Assert.Equal(mine.Sum(r => (long)r.PromptTokens), i.PromptTokens);
        }
        Assert.Equal(p.PerInstance.Sum(i => i.HitTokens), p.HitTokens);
        foreach (ServingInstance inst in sim.Instances)
        {
            BlockManager b = inst.Context.Blocks;
            Assert.Equal(0, b.UsedBlocks); // every request's KV returned; cached blocks remain, all evictable
            Assert.Equal(b.TotalBlocks, b.FreeBlocks + b.Cache!.Count * b.Cache.BlocksPerEntry);
        }
    }

    [Fact]
    public void The_prefix_aware_router_sends_a_request_to_the_instance_holding_its_prefix()
    {
        long s100 = 100_000_000_000L;
        List<RequestRecord> requests =
        [
            new(0, 0, 1600, 4, [1, 2, 3, 4], 512),
            new(1, 0, 1600, 4, [7, 8, 9, 10], 512), // both instances idle-equal after: least-outstanding puts this on 1
            new(2, s100, 2100, 4, [7, 8, 9, 11, 12], 512),
        ];
        foreach ((RouterPolicy router, int instance, int hit) in new[] { (RouterPolicy.PrefixAware, 1, 1536), (RouterPolicy.LeastOutstanding, 0, 0) })
        {
            var sink = new CollectingSink();
            ReplayOptions o = Replays.Qwen("vllm-v1") with { Replicas = 2, Router = router };
            ReplaySummary s = new ReplaySimulation(o, new Core.Cost.RooflineCostModel(Core.Hardware.GpuCatalog.Resolve(o.Gpu)), sink).Run(requests);
            Assert.Equal(instance, sink.Requests.Single(r => r.Id == 2).Instance);
            Assert.Equal(hit, s.PrefixCache!.HitTokens);
        }
    }

    [Theory]
    [InlineData("sarathi")]
    [InlineData("vllm-v1")]
    public void Without_hashes_prefix_caching_on_or_off_writes_identical_bytes_and_no_prefix_keys(string scheduler)
    {
        List<RequestRecord> noHashes = [.. s_mooncake.Take(300).Select(r => r with { HashIds = null, HashBlockTokens = 0 })];
        using var on = new TempDir();
        using var off = new TempDir();
        Replays.Run(Replays.Qwen(scheduler) with { PrefixCaching = true, Replicas = 2 }, noHashes, on.Path);
        Replays.Run(Replays.Qwen(scheduler) with { PrefixCaching = false, Replicas = 2 }, noHashes, off.Path);
        foreach (string f in new[] { ReplayOutputSink.RequestsFile, ReplayOutputSink.IterationsFile, SummaryJsonWriter.FileName })
        {
            Assert.Equal(File.ReadAllBytes(off[f]), File.ReadAllBytes(on[f]));
        }
        Assert.DoesNotContain("prefix", File.ReadAllText(on[SummaryJsonWriter.FileName]), StringComparison.Ordinal);
    }

    [Fact]
    public void Prefix_caching_on_the_mooncake_cut_skips_prefill_work_and_reports_per_instance()
    {
        ReplayOptions o = Replays.Qwen("vllm-v1") with { Replicas = 2, Router = RouterPolicy.PrefixAware };
        using var on = new TempDir();
        using var off = new TempDir();
        ReplaySummary a = Replays.Run(o, s_mooncake, on.Path);
        ReplaySummary b = Replays.Run(o with { PrefixCaching = false }, s_mooncake, off.Path);
        Assert.Equal(0, b.PrefixCache!.HitTokens);
        Assert.False(b.PrefixCache.Enabled);
        Assert.True(a.PrefixCache!.HitRate > 0.05, $"hit rate {a.PrefixCache.HitRate}");
        Assert.True(a.TtftMeanS < b.TtftMeanS, $"TTFT {a.TtftMeanS} with, {b.TtftMeanS} without");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(on[SummaryJsonWriter.FileName]));
        Assert.Equal(a.PrefixCache.HitTokens, doc.RootElement.GetProperty("prefix_hit_tokens").GetInt64());
        Assert.Equal(2, doc.RootElement.GetProperty("prefix_cache_per_instance").GetArrayLength());
        Assert.Equal("prefix-aware", doc.RootElement.GetProperty("run").GetProperty("router").GetString());
    }

    /// <summary>Hit tokens the hashes allow, replaying <paramref name="requests"/> in order with an unbounded cache per
    /// instance: the leading whole blocks an earlier request computed, never the block holding the last prompt token.</summary>
    private static long Allowed(IEnumerable<RequestRecord> requests, Func<RequestRecord, int> instance)
    {
        var seen = new Dictionary<int, HashSet<long>>();
        long allowed = 0;
        foreach (RequestRecord r in requests)
        {
            HashSet<long> s = seen.TryGetValue(instance(r), out HashSet<long>? x) ? x : seen[instance(r)] = [];
            long[] h = r.HashIds!;
            int limit = Math.Min(h.Length, (r.PromptTokens - 1) / r.HashBlockTokens), k = 0;
            while (k < limit && s.Contains(h[k]))
            {
                k++;
            }
            allowed += k * (long)r.HashBlockTokens;
            s.UnionWith(h.Take(Math.Min(h.Length, r.PromptTokens / r.HashBlockTokens)));
        }
        return allowed;
    }

    internal static List<RequestRecord> ReadMooncake(string path) =>
        [.. File.ReadLines(path).Select((line, i) =>
        {
            using JsonDocument d = JsonDocument.Parse(line);
            JsonElement e = d.RootElement;
            return new RequestRecord(i, e.GetProperty("timestamp").GetInt64() * 1_000_000, e.GetProperty("input_length").GetInt32(),
                e.GetProperty("output_length").GetInt32(), [.. e.GetProperty("hash_ids").EnumerateArray().Select(h => h.GetInt64())], 512);
        })];
}

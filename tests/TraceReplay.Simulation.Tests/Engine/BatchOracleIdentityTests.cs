using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Engine;

/// <summary>
/// The vectorized running batch against its scalar oracle (<see cref="BatchKernels"/> element by element, as the
/// slot-indexed engine did it), whole replays: every request outcome and every iteration record must be equal, for
/// every scheduler, with KV short enough that preemption (the scalar slow path) alternates with the vector path, and
/// with prefix caching, disaggregation and DP ranks with EP.
/// </summary>
public sealed class BatchOracleIdentityTests
{
    private static readonly List<RequestRecord> s_azure = Replays.Faster(Replays.AzureConv(600), 4);
    private static readonly List<RequestRecord> s_mooncake = PrefixCachingReplayTests.ReadMooncake(
        TestRepo.Path("tests", "data", "requests", "mooncake.head1000.jsonl"))[..400];

    [Theory]
    [InlineData("sarathi")]
    [InlineData("layered")]
    [InlineData("vllm")]
    [InlineData("vllm-v1")]
    [InlineData("static")]
    [InlineData("decode-first")]
    public void Every_scheduler_matches_the_oracle_under_preemption(string scheduler)
    {
        ReplaySummary s = AssertSame(Replays.Qwen(scheduler) with { KvBlocksOverride = 1200 }, s_azure);
        Assert.True(s.Preemptions > 0 || scheduler == "static", $"{scheduler}: no preemption, the slow path went untested");
    }

    [Theory]
    [InlineData("vllm-v1", RouterPolicy.PrefixAware)]
    [InlineData("sarathi", RouterPolicy.LeastOutstanding)]
    public void Prefix_caching_matches_the_oracle(string scheduler, RouterPolicy router)
    {
        ReplaySummary s = AssertSame(Replays.Qwen(scheduler) with { Replicas = 2, Router = router, KvBlocksOverride = 3000 }, s_mooncake);
        Assert.True(s.PrefixCache!.HitTokens > 0);
    }

    [Theory]
    [InlineData("vllm-v1")]
    [InlineData("sarathi")]
    public void Disaggregation_matches_the_oracle(string scheduler) =>
        AssertSame(new ReplayOptions
        {
            Model = "llama-3.1-8b",
            Gpu = "h100",
            Scheduler = scheduler,
            PrefillReplicas = 1,
            DecodeReplicas = 2,
            KvBlocksOverride = 1500,
        }, s_azure);

    [Fact]
    public void Dp_ranks_with_expert_parallelism_match_the_oracle() =>
        AssertSame(Replays.Qwen("sarathi") with { TensorParallel = 1, ExpertParallel = 4, DpAttention = true, Routing = "zipf:1", KvBlocksOverride = 2400 }, s_azure);

    private static ReplaySummary AssertSame(ReplayOptions options, List<RequestRecord> requests)
    {
        ICostModel cost = new RooflineCostModel(GpuCatalog.Resolve(options.Gpu));
        var vector = new CollectingSink();
        var oracle = new CollectingSink();
        ReplaySummary v = new ReplaySimulation(options, cost, vector, vectorizedBatch: true).Run(requests);
        ReplaySummary o = new ReplaySimulation(options, cost, oracle, vectorizedBatch: false).Run(requests);
        Assert.Equal(requests.Count, vector.Requests.Count);
        Assert.True(vector.Iterations.Count > 500, $"only {vector.Iterations.Count} iterations");
        Assert.Equal(oracle.Requests, vector.Requests);
        Assert.Equal(oracle.Iterations, vector.Iterations);
        Assert.Equal(o.Preemptions, v.Preemptions);
        return v;
    }
}

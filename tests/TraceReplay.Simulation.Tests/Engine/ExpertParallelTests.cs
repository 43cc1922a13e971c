using System.Text.Json.Nodes;
using TraceReplay.Calibration.Model;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;
using TraceReplay.Core.Requests;
using TraceReplay.Core.Routing;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Engine;

/// <summary>
/// Expert parallelism's accounting: per-rank loads add up to tokens x top-k, imbalance is at least 1, weights per GPU
/// hold 1/N of the experts, options are validated, and a replay's outputs carry the imbalance.
/// </summary>
public sealed class ExpertParallelTests
{
    private static readonly ModelSpec s_qwen = ModelCatalog.Resolve("qwen3-30b-a3b");
    private static readonly List<RequestRecord> s_requests = Replays.Faster(Replays.AzureConv(400), 4);

    private static ReplayOptions Ep(int n, string routing = "uniform") =>
        Replays.Qwen("sarathi") with { TensorParallel = 1, ExpertParallel = n, DpAttention = n > 1, Routing = routing };

    [Theory]
    [InlineData("uniform", 8)]
    [InlineData("zipf:1.2", 4)]
    [InlineData("hot:20:0.8", 2)]
    public void Rank_loads_add_up_to_tokens_times_top_k(string routing, int ranks)
    {
        var loads = new ExpertRankLoads(RoutingModels.Create(routing, s_qwen, 3)!, s_qwen, ranks, seed: 9);
        long[] load = new long[ranks];
        double[] hit = new double[ranks];
        foreach (long tokens in new long[] { 1, 3, 64, 512, 8192 })
        {
            for (int layer = 0; layer < s_qwen.NumLayers; layer += 7)
            {
                loads.Compute(step: layer, layer, tokens, load, hit);
                Assert.Equal(tokens * 8, load.Sum());
                Assert.True(load.Max() * ranks >= tokens * 8, "the busiest rank has at least the mean load (imbalance >= 1)");
                Assert.All(hit, h => Assert.InRange(h, 0, 128.0 / ranks));
                Assert.InRange(hit.Sum(), Math.Min(8, tokens * 8) - 1e-9, 128);
            }
        }
    }

    [Fact]
    public void Skewed_routing_costs_imbalance()
    {
        ReplaySummary uniform = Run(Ep(4), new CollectingSink());
        ReplaySummary skewed = Run(Ep(4, "zipf:1.2"), new CollectingSink());
        Assert.True(uniform.EpImbalanceMean >= 1 && skewed.EpImbalanceMean > uniform.EpImbalanceMean,
            $"uniform {uniform.EpImbalanceMean}, zipf {skewed.EpImbalanceMean}");
        Assert.True(skewed.EpImbalanceMax >= skewed.EpImbalanceMean);
    }

    [Fact]
    public void Weights_per_gpu_hold_one_nth_of_the_routed_experts_and_kv_grows()
    {
        double routed = s_qwen.Parameters.RoutedExperts * s_qwen.ExpertWeightBytesPerParam;
        double one = ExpertParallelism.WeightBytesPerGpu(s_qwen, Ep(1));
        Assert.Equal(s_qwen.WeightBytes, one);
        foreach (int n in new[] { 2, 4, 8 })
        {
            Assert.Equal(routed * (1 - 1.0 / n), one - ExpertParallelism.WeightBytesPerGpu(s_qwen, Ep(n)), 1e-3);
            var graph = new OperatorGraph(s_qwen);
            GpuSpec h100 = GpuCatalog.Resolve("h100");
            int blocks1 = KvCapacity.Blocks(graph, h100, Ep(1)), blocksN = KvCapacity.Blocks(graph, h100, Ep(n));
            Assert.True(blocksN > n * blocks1, $"EP {n}: {blocksN} blocks vs {blocks1} on one GPU");
        }
    }

    [Fact]
    public void A_replay_records_the_imbalance_of_every_step_and_is_deterministic()
    {
        using var dir = new TempDir();
        var sink = new CollectingSink();
        ReplaySummary s = Run(Ep(4), sink);
        Assert.Equal(s_requests.Count, s.Completed);
        Assert.All(sink.Iterations, it => Assert.True(it.EpImbalance >= 1 && it.EpImbalance <= 4, $"{it.EpImbalance}"));
        Assert.Equal(sink.Iterations.Average(it => it.EpImbalance), s.EpImbalanceMean, 9);
        Assert.Equal(s.EpImbalanceMean, Run(Ep(4), new CollectingSink()).EpImbalanceMean);

        Replays.Run(Ep(4), s_requests, dir.Path, Cost(Ep(4)));
        double[] column = Replays.Column<double>(dir[ReplayOutputSink.IterationsFile], "ep_imbalance");
        Assert.Equal(sink.Iterations.Select(it => it.EpImbalance), column);
        JsonObject summary = JsonNode.Parse(File.ReadAllText(dir[SummaryJsonWriter.FileName]))!.AsObject();
        Assert.Equal(s.EpImbalanceMean, (double)summary["ep_imbalance_mean"]!);
        Assert.Equal(4, (int)summary["run"]!["ep"]!);
    }

    [Fact]
    public void Each_rank_has_its_own_budget_and_kv_blocks()
    {
        var sink = new CollectingSink();
        ReplayOptions o = Ep(4) with { MaxSequences = 3 };
        var sim = new ReplaySimulation(o, Cost(o), sink);
        sim.Run(s_requests);
        Assert.Equal(4, sim.Instances[0].Ranks.Count);
        Assert.All(sim.Instances[0].Ranks, r => Assert.Equal(sim.KvBlocks / 4, r.Context.Blocks.TotalBlocks));
        // Three sequences per rank: the group never runs more than 12, and does run more than one rank's 3.
        int most = sink.Iterations.Max(it => it.DecodeTokens + it.PrefillPieces);
        Assert.InRange(most, 4, 12);
    }

    [Fact]
    public void Ep_one_writes_no_expert_parallel_keys_or_columns()
    {
        using var dir = new TempDir();
        Replays.Run(Ep(1), s_requests.Take(50), dir.Path);
        JsonObject summary = JsonNode.Parse(File.ReadAllText(dir[SummaryJsonWriter.FileName]))!.AsObject();
        Assert.False(summary.ContainsKey("ep_imbalance_mean"));
        Assert.False(summary["run"]!.AsObject().ContainsKey("ep"));
        Assert.Throws<InvalidOperationException>(() => Replays.Column<double>(dir[ReplayOutputSink.IterationsFile], "ep_imbalance"));
    }

    [Fact]
    public void Reference_and_vectorized_cost_paths_agree_under_expert_parallelism()
    {
        var fast = new CollectingSink();
        var reference = new CollectingSink();
        Run(Ep(4, "zipf:1"), fast);
        Run(Ep(4, "zipf:1") with { CostPath = CostPath.Reference }, reference);
        Assert.Equal(fast.Iterations, reference.Iterations);
    }

    [Theory]
    [InlineData(3, true, 1, "must divide")]
    [InlineData(4, false, 1, "needs --dp-attention")]
    [InlineData(4, true, 2, "use --tp 1")]
    [InlineData(1, true, 1, "--dp-attention needs --ep")]
    public void Invalid_layouts_are_refused(int ep, bool dp, int tp, string message)
    {
        ReplayOptions o = Ep(1) with { ExpertParallel = ep, DpAttention = dp, TensorParallel = tp };
        var ex = Assert.Throws<ArgumentException>(() => new ReplaySimulation(o, Cost(o)));
        Assert.Contains(message, ex.Message);
        var dense = Assert.Throws<ArgumentException>(() => new ReplaySimulation(Ep(2) with { Model = "llama-3-8b" }, Cost(o)));
        Assert.Contains("dense model", dense.Message);
    }

    [Fact]
    public void Ep_with_disaggregated_pools_or_the_prefix_aware_router_is_refused()
    {
        ReplayOptions pd = Ep(4) with { PrefillReplicas = 1, DecodeReplicas = 1 };
        Assert.Contains("disaggregated pools of expert-parallel groups", Assert.Throws<ArgumentException>(() => new ReplaySimulation(pd, Cost(pd))).Message);
        ReplayOptions prefix = Ep(4) with { Replicas = 2, Router = RouterPolicy.PrefixAware };
        Assert.Contains("--router prefix-aware", Assert.Throws<ArgumentException>(() => new ReplaySimulation(prefix, Cost(prefix))).Message);
    }

    private static ICostModel Cost(ReplayOptions o) => CostModelFactory.Create("calibrated", GpuCatalog.Resolve(o.Gpu), out _);

    private static ReplaySummary Run(ReplayOptions o, CollectingSink sink) => new ReplaySimulation(o, Cost(o), sink).Run(s_requests);
}

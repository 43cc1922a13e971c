using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Engine;

public sealed class SloAndEnergyTests
{
    private static readonly List<RequestRecord> s_requests = Replays.Faster(Replays.AzureConv(300), 2);

    [Fact]
    public void A_request_meets_its_slo_only_if_ttft_and_every_token_gap_meet_the_limits()
    {
        using var dir = new TempDir();
        // Limits at roughly the median so both outcomes occur.
        ReplaySummary s = Replays.Run(Replays.Qwen("sarathi") with { SloTtftS = 0.05, SloTbtS = 0.012 }, s_requests, dir.Path);
        string req = dir[ReplayOutputSink.RequestsFile];
        double?[] ttft = Replays.NullableColumn<double>(req, "ttft_s"), maxGap = Replays.NullableColumn<double>(req, "tbt_max_s");
        bool?[] met = Replays.NullableColumn<bool>(req, "slo_met");
        for (int i = 0; i < met.Length; i++)
        {
            bool want = ttft[i] <= 0.05 + 1e-12 && (maxGap[i] is null || maxGap[i] <= 0.012 + 1e-12);
            Assert.Equal(want, met[i]);
        }
        Assert.Contains(true, met);
        Assert.Contains(false, met);
        Assert.Equal(met.Count(m => m == true) / (double)met.Length, s.SloAttainment, 12);
    }

    [Fact]
    public void Without_slo_limits_attainment_is_undefined_and_slo_met_is_null()
    {
        using var dir = new TempDir();
        ReplaySummary s = Replays.Run(Replays.Qwen("sarathi") with { SloTtftS = null, SloTbtS = null }, s_requests.Take(20), dir.Path);
        Assert.True(double.IsNaN(s.SloAttainment));
        Assert.All(Replays.NullableColumn<bool>(dir[ReplayOutputSink.RequestsFile], "slo_met"), m => Assert.Null(m));
    }

    [Fact]
    public void Iteration_energy_is_static_power_times_time_plus_per_byte_and_per_flop_energy_for_every_gpu()
    {
        using var dir = new TempDir();
        ReplaySummary s = Replays.Run(Replays.Qwen("layered") with { StaticPowerW = 100, HbmPjPerByte = 30, PjPerFlop = 0.5 }, s_requests.Take(50), dir.Path);
        string its = dir[ReplayOutputSink.IterationsFile];
        long[] dur = Replays.Column<long>(its, "duration_ns");
        double[] bytes = Replays.Column<double>(its, "hbm_total_bytes"), flops = Replays.Column<double>(its, "flops"), energy = Replays.Column<double>(its, "energy_j");
        for (int i = 0; i < dur.Length; i++)
        {
            // Bytes and FLOPs columns are instance totals (2 GPUs); static power counts per GPU.
            double want = 2 * 100 * dur[i] * 1e-9 + 30e-12 * bytes[i] + 0.5e-12 * flops[i];
            Assert.Equal(want, energy[i], want * 1e-12);
        }
        Assert.Equal(energy.Sum() + s.EnergyIdleJ, s.EnergyJ, s.EnergyJ * 1e-12);
        Assert.Equal(s.EnergyJ / (s.PromptTokens + s.GeneratedTokens), s.EnergyPerTokenJ, 15);
        Assert.True(s.EnergyIdleJ > 0); // the trace has idle gaps
    }

    [Fact]
    public void Kv_blocks_come_from_memory_left_after_weights_and_the_reserve()
    {
        ModelSpec m = ModelCatalog.Resolve("qwen3-30b-a3b");
        GpuSpec h100 = GpuCatalog.Resolve("h100");
        var o = Replays.Qwen("sarathi");
        var graph = new OperatorGraph(m, 2);
        // 4 KV heads over TP 2 = 2 per GPU: 2 (K,V) x 2 x 128 x 2 B = 1024 B per token per layer; x 48 layers x 16 tokens.
        Assert.Equal(1024.0 * 48 * 16, KvCapacity.BlockBytesPerGpu(graph, o));
        double free = h100.HbmCapacityBytes * 0.9 - m.WeightBytes / 2 - 2.0 * (1L << 30);
        Assert.Equal((int)(free / (1024.0 * 48 * 16)), KvCapacity.Blocks(graph, h100, o));
        Assert.Throws<ArgumentException>(() => KvCapacity.Blocks(new OperatorGraph(ModelCatalog.Resolve("deepseek-v3"), 1), h100, o));
    }

    [Fact]
    public void Round_robin_spreads_requests_over_replicas_in_turn()
    {
        using var dir = new TempDir();
        Replays.Run(Replays.Qwen("sarathi") with { Replicas = 3, Router = RouterPolicy.RoundRobin }, s_requests.Take(30), dir.Path);
        string req = dir[ReplayOutputSink.RequestsFile];
        long[] ids = Replays.Column<long>(req, "request_id");
        int[] inst = Replays.Column<int>(req, "instance");
        Assert.All(ids.Zip(inst), x => Assert.Equal(x.First % 3, x.Second));
    }
}

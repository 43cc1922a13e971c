using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Tests.Engine;

public sealed class DtypeOverrideTests
{
    private static readonly ReplayOptions s_options = new() { Model = "llama-3.1-8b", Gpu = "h200", Scheduler = "vllm-v1" };

    [Fact]
    public void An_fp8_models_weight_bytes_are_half_of_bf16s()
    {
        ModelSpec bf16 = s_options.ServedModel(ModelCatalog.Resolve("llama-3.1-8b"));
        ModelSpec fp8 = (s_options with { WeightDtype = DType.Fp8, ExpertWeightDtype = DType.Fp8 }).ServedModel(bf16);
        Assert.Equal(DType.Bf16, bf16.WeightDtype);
        Assert.Equal(bf16.WeightBytes / 2, fp8.WeightBytes);
        Assert.Equal(bf16.KvBytesPerToken, fp8.KvBytesPerToken); // weights only: the KV cache keeps its format
    }

    [Fact]
    public void Overrides_reach_the_replay_fp8_weights_leave_more_kv_blocks_and_an_fp8_kv_cache_doubles_them()
    {
        var roofline = new RooflineCostModel(GpuCatalog.Resolve("h200"));
        int bf16 = new ReplaySimulation(s_options, roofline).KvBlocks;
        int fp8Weights = new ReplaySimulation(s_options with { WeightDtype = DType.Fp8 }, roofline).KvBlocks;
        var kvFp8 = new ReplaySimulation(s_options with { KvDtype = DType.Fp8 }, roofline);
        Assert.True(fp8Weights > bf16, $"{fp8Weights} vs {bf16} blocks");
        Assert.Equal(DType.Fp8, kvFp8.Model.KvDtype);
        Assert.InRange(kvFp8.KvBlocks, 2 * bf16 - 1, 2 * bf16 + 1);
    }

    [Fact]
    public void Without_overrides_the_config_quantization_applies()
    {
        var sim = new ReplaySimulation(s_options with { Model = "Qwen/Qwen3-235B-A22B-FP8", TensorParallel = 4 }, new RooflineCostModel(GpuCatalog.Resolve("h200")));
        Assert.Equal(DType.Fp8Block, sim.Model.WeightDtype);
    }
}

using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Model;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Tests.Model;

/// <summary>Expert parallelism's all-to-all: the measured NCCL all-to-all curve where the GPU has one, the roofline's (n-1)/n otherwise.</summary>
public sealed class AllToAllCostTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(4096)] // above vLLM's CUDA-graph size: all-reduce would switch to its eager curve, the all-to-all must not
    public void The_calibrated_model_costs_it_with_the_fitted_nccl_alltoall_curve(long tokens)
    {
        GpuSpec h100 = GpuCatalog.Resolve("h100");
        var model = (CalibratedCostModel)CostModelFactory.Create("calibrated", h100, out _);
        Operator a2a = Operator.AllToAll(0, 16e6, 8, tokens);
        LatencyParams curve = model.Calibration.Kernels["nccl:alltoall"].Params;
        Assert.Equal(LatencyForm.PredictUs(a2a, h100, curve), model.Estimate(a2a).LatencyUs);
        Assert.NotEqual(model.Calibration.Kernels["allreduce:vllm_eager"].Params, curve);
        Assert.True(model.Estimate(Operator.AllToAll(0, 32e6, 8, tokens)).LatencyUs > model.Estimate(a2a).LatencyUs);
    }

    [Fact]
    public void The_roofline_sends_the_share_bound_for_other_gpus()
    {
        GpuSpec a40 = GpuCatalog.Resolve("a40");
        var roofline = new RooflineCostModel(a40);
        Operator a2a = Operator.AllToAll(0, 8e6, 4, 100);
        Operator allReduce = a2a with { Kind = OpKind.MlpAllReduce };
        double overheadUs = roofline.Estimate(a2a with { CommBytes = 0 }).LatencyUs;
        // (n-1)/n of the buffer against the ring all-reduce's 2(n-1)/n: half the link time.
        Assert.Equal(0.5, (roofline.Estimate(a2a).LatencyUs - overheadUs) / (roofline.Estimate(allReduce).LatencyUs - overheadUs), 9);
    }
}

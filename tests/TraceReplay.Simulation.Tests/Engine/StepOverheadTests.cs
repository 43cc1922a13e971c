using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Engine;

/// <summary>The launch/host term on top of kernel time (FixedCost: every iteration's kernels take 1000 us).</summary>
public sealed class StepOverheadTests
{
    private const double KernelUs = 1000;
    private const int Layers = 48;

    private static long DurationNs(InstanceHarness h)
    {
        long before = h.NowNs;
        h.Step();
        return h.NowNs - before;
    }

    private static long Ns(double us) => (long)Math.Round(us * 1000, MidpointRounding.ToEven);

    [Fact]
    public void Vllm_v1_runs_decode_only_steps_from_cuda_graphs_and_mixed_steps_piecewise()
    {
        var h = new InstanceHarness("vllm-v1", configure: o => o with { CudaGraphMaxBatch = 512 }, layers: Layers);
        h.Add(prompt: 100, output: 3);
        Assert.Equal(Ns(Math.Max(KernelUs, Layers * StepOverhead.PiecewiseLayerLaunchUs) + StepOverhead.HostStepUs), DurationNs(h));
        Assert.Equal(Ns(KernelUs + StepOverhead.GraphLaunchUs + StepOverhead.HostStepUs), DurationNs(h));
    }

    [Fact]
    public void Decode_batches_above_the_capture_size_and_enforce_eager_run_eagerly()
    {
        var big = new InstanceHarness("vllm-v1", configure: o => o with { CudaGraphMaxBatch = 1 }, layers: Layers);
        big.Add(10, 3);
        big.Add(10, 3);
        big.Step();
        Assert.Equal(Ns(Math.Max(KernelUs, Layers * StepOverhead.PiecewiseLayerLaunchUs) + StepOverhead.HostStepUs), DurationNs(big));

        var eager = new InstanceHarness("vllm-v1", configure: o => o with { EnforceEager = true }, layers: Layers);
        eager.Add(10, 3);
        eager.Step();
        Assert.Equal(Ns(Math.Max(KernelUs, Layers * StepOverhead.EagerLayerLaunchUs) + StepOverhead.HostStepUs), DurationNs(eager));
    }

    [Fact]
    public void Other_schedulers_keep_pure_kernel_time()
    {
        var h = new InstanceHarness("sarathi", layers: Layers);
        h.Add(10, 3);
        Assert.Equal(InstanceHarness.IterationNs, DurationNs(h));
        Assert.Equal(InstanceHarness.IterationNs, DurationNs(h));
    }
}

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// Time a serving step spends outside its GPU kernels: kernel launches and the engine's host work. The kernel cost
/// models time kernels back to back; a real engine launches them from Python, so a step with little GPU work is
/// launch-bound unless it replays a CUDA graph. Three cases, as vLLM V1 runs them (vLLM 0.11+ default
/// <c>cudagraph_mode</c> FULL_AND_PIECEWISE):
/// <list type="bullet">
/// <item>Decode-only step of at most <see cref="CudaGraphMaxBatch"/> requests: replayed as one full CUDA graph,
/// GPU time + <see cref="GraphLaunchUs"/>.</item>
/// <item>Mixed or larger step: compiled pieces with attention launched eagerly between them; the host runs ahead of
/// the GPU, so the step takes max(GPU time, layers x <see cref="PiecewiseLayerLaunchUs"/>).</item>
/// <item><c>--enforce-eager</c>: every step is plain PyTorch eager, max(GPU time, layers x <see cref="EagerLayerLaunchUs"/>).</item>
/// </list>
/// Every step also pays <see cref="HostStepUs"/> of scheduling, input preparation and sampling that vLLM does not
/// overlap with the GPU. None of these is measured here: each constant names where it comes from, and they are the
/// same for every model and GPU (no per-deployment tuning).
/// </summary>
public sealed record StepOverhead(bool Enabled, bool EnforceEager, int CudaGraphMaxBatch)
{
    /// <summary>cudaGraphLaunch of a whole decode step, host side; NVIDIA's "Getting Started with CUDA Graphs"
    /// (developer blog, 2019) measures a few microseconds per graph launch; 10 us allows for vLLM's Python around it. Estimate.</summary>
    public const double GraphLaunchUs = 10;

    /// <summary>Host time per decoder layer of an eager PyTorch step: LightLLM measured a Llama-3-8B decode step at
    /// bs=1 (1024-token context) at 23.9 ms eager vs 7.0 ms with CUDA graphs (ModelTC/lightllm-blog,
    /// _posts/2025-01-22-cudagraph.md); launch-bound eager = 23.9 ms / 32 layers = 747 us per layer.</summary>
    public const double EagerLayerLaunchUs = 23.9e3 / 32;

    /// <summary>Host time per layer of a piecewise-compiled step: one piece replay and one eager attention call
    /// (a handful of launches at ~5 us each, NVIDIA's CUDA launch latency order). Estimate.</summary>
    public const double PiecewiseLayerLaunchUs = 30;

    /// <summary>Engine host work per step that the GPU waits for (scheduler, input tensors, sampling, output
    /// processing); vLLM V1 overlaps much of it, the rest is on the order of 100 us. Estimate.</summary>
    public const double HostStepUs = 100;

    /// <summary>No overhead: the iteration is its kernels' time (every scheduler but vllm-v1, so their results and
    /// baselines stay as they were).</summary>
    public static readonly StepOverhead None = new(false, false, 0);

    /// <summary>The term for <paramref name="options"/>: on for the vllm-v1 scheduler (the engine it models runs this way).</summary>
    public static StepOverhead For(ReplayOptions options) => options.Scheduler == "vllm-v1"
        ? new StepOverhead(true, options.EnforceEager, options.CudaGraphMaxBatch)
        : None;

    /// <summary>True when a step of <paramref name="plan"/> replays a captured CUDA graph.</summary>
    public bool Captured(IterationPlan plan) =>
        Enabled && !EnforceEager && plan.PieceCount == 0 && plan.DecodeCount <= CudaGraphMaxBatch;

    /// <summary>The step's duration given its kernels' <paramref name="gpuUs"/> on a model of <paramref name="layers"/> layers.</summary>
    public double StepUs(IterationPlan plan, double gpuUs, int layers)
    {
        if (!Enabled)
        {
            return gpuUs;
        }
        if (Captured(plan))
        {
            return gpuUs + GraphLaunchUs + HostStepUs;
        }
        double launchUs = layers * (EnforceEager ? EagerLayerLaunchUs : PiecewiseLayerLaunchUs);
        return Math.Max(gpuUs, launchUs) + HostStepUs;
    }
}

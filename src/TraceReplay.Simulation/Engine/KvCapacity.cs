using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// KV blocks of one instance: per GPU, (memory x utilization - weights / TP - activation reserve) over the KV
/// bytes of one block (block tokens x layers x KV bytes per token per layer per GPU). Every layer gets full-length
/// KV, sliding-window layers included, as vLLM v0 allocates it. Under expert parallelism the weights per GPU hold
/// 1/N of the routed experts and the group has N GPUs' blocks.
/// </summary>
public static class KvCapacity
{
    public static int Blocks(OperatorGraph graph, GpuSpec gpu, ReplayOptions o)
    {
        double free = FreeBytesPerGpu(graph, gpu, o);
        double blockBytes = BlockBytesPerGpu(graph, o);
        // Expert parallelism: every GPU of the group holds the KV of its own DP rank's requests.
        int blocks = (int)Math.Min(int.MaxValue, Math.Floor(free / blockBytes) * o.ExpertParallel);
        if (blocks <= 0)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"{graph.Model.Name} does not fit on {gpu.ShortName} x TP {o.TensorParallel}: {gpu.HbmCapacityBytes / 1e9:F1} GB x {o.GpuMemoryUtilization} - weights {ExpertParallelism.WeightBytesPerGpu(graph.Model, o) / 1e9:F1} GB/GPU - reserve {o.ActivationReserveBytes / 1e9:F1} GB leaves {free / 1e9:F2} GB for KV; use a larger --tp or GPU"));
        }
        return blocks;
    }

    public static double FreeBytesPerGpu(OperatorGraph graph, GpuSpec gpu, ReplayOptions o) =>
        gpu.HbmCapacityBytes * o.GpuMemoryUtilization - ExpertParallelism.WeightBytesPerGpu(graph.Model, o) - o.ActivationReserveBytes;

    public static double BlockBytesPerGpu(OperatorGraph graph, ReplayOptions o) =>
        graph.KvBytesPerTokenPerLayer * graph.Model.NumLayers * o.BlockTokens;
}

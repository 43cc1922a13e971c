using TraceReplay.Core.Hardware;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>
/// vLLM's default scheduler budgets for the OpenAI API server (<c>vllm serve</c>, what <c>vllm bench serve</c>
/// measures), from <c>EngineArgs.get_batch_defaults</c> in vllm-project/vllm <c>vllm/engine/arg_utils.py</c>
/// (vLLM 0.10 to 0.19; 0.8/0.9 had the same token budgets with one <c>default_max_num_seqs</c>): a GPU with at least
/// 70 GiB whose name does not contain "a100" (H100, H200, B200) gets <c>max_num_batched_tokens</c> 8192 and
/// <c>max_num_seqs</c> 1024; any other GPU (A100 by an explicit name check, see vLLM PR #17885) 2048 and 256. The
/// offline <c>LLM</c> class uses 16384 / 8192 instead; not modelled.
/// </summary>
public static class VllmDefaults
{
    public const double LargeGpuMinBytes = 70.0 * (1L << 30);
    public const int LargeGpuMaxBatchedTokens = 8192;
    public const int LargeGpuMaxSeqs = 1024;
    public const int OtherGpuMaxBatchedTokens = 2048;
    public const int OtherGpuMaxSeqs = 256;

    /// <summary>
    /// Largest decode batch vLLM captures in a CUDA graph by default: min(2 x max_num_seqs, 512, max_num_batched_tokens)
    /// (<c>VllmConfig._set_cudagraph_sizes</c> in <c>vllm/config/vllm.py</c>, vLLM 0.11+; capture sizes 1, 2, 4, then
    /// steps of 8 to 256 and of 16 above, padded up to the next size at run time).
    /// </summary>
    public const int MaxCaptureSize = 512;

    public static bool IsLargeGpu(GpuSpec gpu) =>
        gpu.HbmCapacityBytes >= LargeGpuMinBytes && !gpu.Name.Contains("a100", StringComparison.OrdinalIgnoreCase);

    public static int MaxBatchedTokens(GpuSpec gpu) => IsLargeGpu(gpu) ? LargeGpuMaxBatchedTokens : OtherGpuMaxBatchedTokens;

    public static int MaxSeqs(GpuSpec gpu) => IsLargeGpu(gpu) ? LargeGpuMaxSeqs : OtherGpuMaxSeqs;

    public static int CudaGraphMaxBatch(int maxSeqs, int maxBatchedTokens) => Math.Min(Math.Min(2 * maxSeqs, MaxCaptureSize), maxBatchedTokens);
}

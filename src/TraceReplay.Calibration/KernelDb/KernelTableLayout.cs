namespace TraceReplay.Calibration.KernelDb;

/// <summary>
/// The measured-kernel table layouts (NVIDIA AIConfigurator's per-kernel database of vLLM, Parquet or CSV with the same
/// header). A file's layout is detected from its columns, never from its name.
/// </summary>
public enum KernelTableLayout
{
    /// <summary><c>gemm_perf</c>: one linear layer, (m, n, k, gemm_dtype).</summary>
    Gemm,
    /// <summary><c>context_attention_perf</c> / <c>generation_attention_perf</c> (told apart per row by <c>op_name</c>).</summary>
    Attention,
    /// <summary><c>moe_perf</c>: vLLM's fused MoE layer on one GPU.</summary>
    Moe,
    /// <summary><c>custom_allreduce_perf</c>: vLLM's custom all-reduce, in a CUDA graph or eager.</summary>
    CustomAllReduce,
    /// <summary><c>nccl_perf</c>: NCCL collectives, eager.</summary>
    Nccl,
}

public static class KernelTableLayouts
{
    /// <summary>Columns each layout must have (besides <c>latency</c>, milliseconds per call), in detection order.</summary>
    public static IReadOnlyList<(KernelTableLayout Layout, string[] Columns)> Required { get; } =
    [
        (KernelTableLayout.Gemm, ["gemm_dtype", "m", "n", "k"]),
        (KernelTableLayout.Moe, ["moe_dtype", "num_tokens", "hidden_size", "inter_size", "topk", "num_experts", "moe_tp_size", "moe_ep_size", "distribution"]),
        (KernelTableLayout.Attention, ["op_name", "batch_size", "isl", "num_heads", "num_key_value_heads", "head_dim", "kv_cache_dtype", "step"]),
        (KernelTableLayout.CustomAllReduce, ["allreduce_dtype", "num_gpus", "message_size", "backend"]),
        (KernelTableLayout.Nccl, ["op_name", "nccl_dtype", "num_gpus", "message_size"]),
    ];

    public const string Latency = "latency";

    /// <summary>One line naming every layout and its columns, for errors about a file of no known layout.</summary>
    public static string Describe() => string.Join("; ", Required.Select(r => $"{Name(r.Layout)} ({string.Join(", ", r.Columns)}, latency)"));

    public static string Name(KernelTableLayout layout) => layout switch
    {
        KernelTableLayout.Gemm => "gemm_perf",
        KernelTableLayout.Attention => "context/generation_attention_perf",
        KernelTableLayout.Moe => "moe_perf",
        KernelTableLayout.CustomAllReduce => "custom_allreduce_perf",
        KernelTableLayout.Nccl => "nccl_perf",
        _ => layout.ToString(),
    };

    /// <summary>The layout whose columns are all present; null when none is (with <paramref name="missing"/> the nearest one's gaps).</summary>
    public static KernelTableLayout? Detect(IReadOnlyCollection<string> header, out string missing)
    {
        var have = new HashSet<string>(header, StringComparer.Ordinal);
        missing = "";
        int fewest = int.MaxValue;
        foreach ((KernelTableLayout layout, string[] cols) in Required)
        {
            string[] lack = [.. cols.Append(Latency).Where(c => !have.Contains(c))];
            if (lack.Length == 0)
            {
                return layout;
            }
            // Report against the layout this file resembles most (it shares at least one distinctive column).
            if (lack.Length < fewest && lack.Length < cols.Length)
            {
                fewest = lack.Length;
                missing = $"{Name(layout)} lacks {string.Join(", ", lack)}";
            }
        }
        return null;
    }
}

using TraceReplay.Reports.Runs;

namespace TraceReplay.Reports.Report;

/// <summary>An HBM traffic category of iterations.parquet and its total over a run (bytes, all GPUs).</summary>
public sealed record HbmCategory(string Label, string Column, Func<IterationData, double[]> Bytes)
{
    public static readonly IReadOnlyList<HbmCategory> All =
    [
        new("weights (dense)", "hbm_weight_bytes", it => it.HbmWeightBytes),
        new("expert weights", "hbm_expert_weight_bytes", it => it.HbmExpertWeightBytes),
        new("KV read", "hbm_kv_read_bytes", it => it.HbmKvReadBytes),
        new("KV write", "hbm_kv_write_bytes", it => it.HbmKvWriteBytes),
        new("activations", "hbm_activation_bytes", it => it.HbmActivationBytes),
    ];

    public double TotalBytes(IterationData it) => Bytes(it).Sum();
}

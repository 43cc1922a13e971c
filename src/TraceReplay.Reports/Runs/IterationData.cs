namespace TraceReplay.Reports.Runs;

/// <summary>The columns of a replay's <c>iterations.parquet</c> that reports plot (instance totals, in start order).</summary>
public sealed record IterationData(
    int[] Instance, double[] StartS, double[] DurationS, int[] PrefillPieces, int[] DecodeTokens, int[] KvBlocksUsed,
    double[] HbmWeightBytes, double[] HbmExpertWeightBytes, double[] HbmKvReadBytes, double[] HbmKvWriteBytes, double[] HbmActivationBytes,
    double[] EnergyJ)
{
    public const string FileName = "iterations.parquet";

    private static readonly string[] s_columns =
    [
        "instance", "start_s", "duration_s", "prefill_pieces", "decode_tokens", "kv_blocks_used", "hbm_weight_bytes", "hbm_expert_weight_bytes",
        "hbm_kv_read_bytes", "hbm_kv_write_bytes", "hbm_activation_bytes", "energy_j",
    ];

    public int Count => StartS.Length;

    public static IterationData Read(string path)
    {
        ParquetTable t = ParquetTable.Read(path, s_columns);
        return new IterationData(t.Int("instance"), t.Double("start_s"), t.Double("duration_s"), t.Int("prefill_pieces"), t.Int("decode_tokens"),
            t.Int("kv_blocks_used"), t.Double("hbm_weight_bytes"), t.Double("hbm_expert_weight_bytes"), t.Double("hbm_kv_read_bytes"),
            t.Double("hbm_kv_write_bytes"), t.Double("hbm_activation_bytes"), t.Double("energy_j"));
    }
}

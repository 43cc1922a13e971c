using System.Text.Json.Serialization;

namespace TraceReplay.Core.Hardware;

/// <summary>
/// Datasheet facts about one GPU. Peaks are dense (no sparsity). Energy coefficients are estimates
/// whose derivation is in <see cref="EnergySource"/>; every output that uses them says so.
/// </summary>
public sealed record GpuSpec
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("short_name")] public required string ShortName { get; init; }
    [JsonPropertyName("aliases")] public IReadOnlyList<string> Aliases { get; init; } = [];
    [JsonPropertyName("peak_bf16_flops_per_s")] public required double PeakBf16FlopsPerS { get; init; }
    /// <summary>0 where the GPU has no FP8 tensor cores (A100, A40).</summary>
    [JsonPropertyName("peak_fp8_flops_per_s")] public double PeakFp8FlopsPerS { get; init; }
    /// <summary>Dense FP4 (NVFP4/MXFP4 W4A4) tensor-core peak; 0 where there is none (before Blackwell).</summary>
    [JsonPropertyName("peak_fp4_flops_per_s")] public double PeakFp4FlopsPerS { get; init; }
    [JsonPropertyName("hbm_bytes_per_s")] public required double HbmBytesPerS { get; init; }
    [JsonPropertyName("hbm_capacity_bytes")] public required double HbmCapacityBytes { get; init; }
    [JsonPropertyName("tdp_w")] public required double TdpW { get; init; }
    [JsonPropertyName("sm_count")] public required int SmCount { get; init; }
    [JsonPropertyName("l2_bytes")] public double L2Bytes { get; init; }
    /// <summary>GPU-to-GPU bandwidth per direction per GPU (NVLink, or PCIe where there is none).</summary>
    [JsonPropertyName("interconnect_bytes_per_s")] public required double InterconnectBytesPerS { get; init; }
    /// <summary>Board power while a serving engine holds the GPU awake but does no work (clocks up).</summary>
    [JsonPropertyName("static_power_w")] public required double StaticPowerW { get; init; }
    [JsonPropertyName("hbm_pj_per_byte")] public required double HbmPjPerByte { get; init; }
    [JsonPropertyName("pj_per_flop")] public required double PjPerFlop { get; init; }
    [JsonPropertyName("energy_source")] public string EnergySource { get; init; } = "";
    [JsonPropertyName("source")] public string Source { get; init; } = "";

    /// <summary>
    /// Tensor-core peak for math in <paramref name="compute"/> (<see cref="Models.DTypes.ComputeType"/>): a format the
    /// GPU has no units for runs at the next wider one it has (FP8 weights on A100 run as W8A16 at the BF16 rate).
    /// </summary>
    public double PeakFlopsFor(Models.DType compute) => compute switch
    {
        Models.DType.Nvfp4 when PeakFp4FlopsPerS > 0 => PeakFp4FlopsPerS,
        Models.DType.Nvfp4 or Models.DType.Fp8 or Models.DType.Fp8Block when PeakFp8FlopsPerS > 0 => PeakFp8FlopsPerS,
        _ => PeakBf16FlopsPerS,
    };

    /// <summary>Peak BF16 FLOP per HBM byte: operators below it are memory-bound.</summary>
    public double RidgePointFlopsPerByte => PeakBf16FlopsPerS / HbmBytesPerS;
}

using System.Text.Json.Serialization;
using TraceReplay.Calibration.Fitting;

namespace TraceReplay.Calibration.Model;

/// <summary>One fitted latency curve as stored in <c>calibration.json</c>, with its held-out error.</summary>
public sealed record OperatorCalibration
{
    [JsonPropertyName("op_class")] public required string OpClass { get; init; }
    /// <summary><c>fitted</c>, or <c>transferred from &lt;gpu&gt;</c> when this GPU's profiles lack the operator.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }
    /// <summary>
    /// Measured-kernel curves: the serving framework, its version and the table the curve was fitted on
    /// ("vLLM 0.14.0 (gemm_perf.parquet)"); null for curves fitted on Vidur profiles.
    /// </summary>
    [JsonPropertyName("fitted_on")] public string? FittedOn { get; init; }
    [JsonPropertyName("samples")] public required int Samples { get; init; }
    [JsonPropertyName("overhead_us")] public required double OverheadUs { get; init; }
    [JsonPropertyName("per_sequence_us")] public required double PerSequenceUs { get; init; }
    [JsonPropertyName("compute_efficiency")] public required double ComputeEfficiency { get; init; }
    [JsonPropertyName("memory_efficiency")] public required double MemoryEfficiency { get; init; }
    [JsonPropertyName("smooth_p")] public required double SmoothP { get; init; }
    [JsonPropertyName("wave_quantization")] public required double WaveQuantization { get; init; }
    [JsonPropertyName("fill_rows_per_sm")] public required double FillRowsPerSm { get; init; }
    /// <summary>Latency floor (0 in calibrations written before it existed: no floor).</summary>
    [JsonPropertyName("floor_us")] public double FloorUs { get; init; }
    [JsonPropertyName("tile_exponent")] public double TileExponent { get; init; }
    [JsonPropertyName("masked_fraction")] public double MaskedFraction { get; init; }
    [JsonPropertyName("l2_speedup")] public double L2Speedup { get; init; }
    [JsonPropertyName("seq_exponent")] public double SequenceExponent { get; init; } = 1;
    /// <summary>Held-out median absolute percentage error (leave-one-model-out, or the transfer error).</summary>
    [JsonPropertyName("held_out_median_ape_pct")] public required double HeldOutMedianPct { get; init; }
    [JsonPropertyName("held_out_p90_ape_pct")] public required double HeldOutP90Pct { get; init; }
    /// <summary>Spread of held-out relative residuals: what predictions carry as <c>OpCost.RelativeStdDev</c>.</summary>
    [JsonPropertyName("relative_std_dev")] public required double RelativeStdDev { get; init; }

    [JsonIgnore]
    public LatencyParams Params => new(OverheadUs, PerSequenceUs, ComputeEfficiency, MemoryEfficiency, SmoothP, WaveQuantization, FillRowsPerSm, FloorUs, TileExponent, MaskedFraction, L2Speedup, SequenceExponent);

    public static OperatorCalibration From(LatencyParams p, string opClass, string source, int samples, ErrorStats heldOut) => new()
    {
        OpClass = opClass,
        Source = source,
        Samples = samples,
        OverheadUs = p.OverheadUs,
        PerSequenceUs = p.PerSequenceUs,
        ComputeEfficiency = p.ComputeEfficiency,
        MemoryEfficiency = p.MemoryEfficiency,
        SmoothP = p.SmoothP,
        WaveQuantization = p.WaveQuantization,
        FillRowsPerSm = p.FillRowsPerSm,
        FloorUs = p.FloorUs,
        TileExponent = p.TileExponent,
        MaskedFraction = p.MaskedFraction,
        L2Speedup = p.L2Speedup,
        SequenceExponent = p.SequenceExponent,
        HeldOutMedianPct = LatencyFitter.Round6(heldOut.MedianPct),
        HeldOutP90Pct = LatencyFitter.Round6(heldOut.P90Pct),
        RelativeStdDev = LatencyFitter.Round6(heldOut.RelativeStdDev),
    };
}

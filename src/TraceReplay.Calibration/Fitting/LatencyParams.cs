using System.Text.Json.Serialization;

namespace TraceReplay.Calibration.Fitting;

/// <summary>
/// Fitted coefficients of one operator's latency curve (see <see cref="LatencyForm"/>). Efficiencies are fractions of
/// the GPU's datasheet peaks, so the same coefficients can be carried to another GPU's peaks (cross-GPU transfer).
/// </summary>
/// <param name="OverheadUs">Fixed time per launch added on top (launch latency, prologue, tail).</param>
/// <param name="PerSequenceUs">Attention only: extra time per sequence in the batch (per-sequence setup, split-KV merge).</param>
/// <param name="ComputeEfficiency">Achieved fraction of peak BF16 FLOP/s on the (wave-padded) FLOPs.</param>
/// <param name="MemoryEfficiency">Achieved fraction of HBM bandwidth on the analytic bytes (of link bandwidth for all-reduce).</param>
/// <param name="SmoothP">Exponent of the smooth maximum of floor, compute and memory time (large = sharp roofline corner).</param>
/// <param name="WaveQuantization">GEMM and prefill attention: weight of wave-quantized FLOPs (tiles over the SMs) vs. raw FLOPs.</param>
/// <param name="FillRowsPerSm">
/// Row-parallel kernels (norms, elementwise, decode attention): rows per SM needed to reach full bandwidth; with R rows
/// the memory time is stretched by (1 + fill x SMs / R), i.e. a fixed cost per row's bytes when the GPU is not full.
/// </param>
/// <param name="FloorUs">
/// Latency floor: the smallest time the kernel takes however little work it gets (one CTA's prologue, reduction and
/// epilogue); enters the smooth maximum with compute and memory time, so it fades out once work dominates. 0 = none.
/// </param>
/// <param name="TileExponent">
/// GEMMs: how strongly smaller CUTLASS/cuBLAS tiles lose efficiency, as (tile intensity / 128x256 intensity)^exponent;
/// the tile with the least padded, efficiency-weighted work is picked per shape. 0 = all tiles equally efficient.
/// </param>
/// <param name="MaskedFraction">
/// Prefill attention: fraction of the causally masked (query, key) pairs the kernel still pays for (0 = ideal causal
/// skipping, 1 = the full chunk x context rectangle).
/// </param>
/// <param name="SequenceExponent">
/// Decode attention: how the kernel's parallel work items grow with the batch, items = KV heads x sequences^this (0..1).
/// Measured on vLLM's kernels, bandwidth rises almost in proportion to KV heads but far slower with sequences.
/// </param>
/// <param name="L2Speedup">
/// Row-parallel kernels: the working set up to the GPU's L2 size is served (1 + this) times faster than HBM (inputs just
/// written by the previous kernel are L2-resident); bytes beyond L2 stream at HBM speed. 0 = no L2 term.
/// </param>
/// <remarks>
/// The JSON names are those of <c>calibration.json</c>, where each stored curve (<c>OperatorCalibration</c>) is these
/// coefficients plus its provenance and held-out error: the seven without a default must be present in the file.
/// </remarks>
public record LatencyParams(
    [property: JsonPropertyName("overhead_us"), JsonRequired] double OverheadUs,
    [property: JsonPropertyName("per_sequence_us"), JsonRequired] double PerSequenceUs,
    [property: JsonPropertyName("compute_efficiency"), JsonRequired] double ComputeEfficiency,
    [property: JsonPropertyName("memory_efficiency"), JsonRequired] double MemoryEfficiency,
    [property: JsonPropertyName("smooth_p"), JsonRequired] double SmoothP,
    [property: JsonPropertyName("wave_quantization"), JsonRequired] double WaveQuantization,
    [property: JsonPropertyName("fill_rows_per_sm"), JsonRequired] double FillRowsPerSm,
    [property: JsonPropertyName("floor_us")] double FloorUs = 0,
    [property: JsonPropertyName("tile_exponent")] double TileExponent = 0,
    [property: JsonPropertyName("masked_fraction")] double MaskedFraction = 0,
    [property: JsonPropertyName("l2_speedup")] double L2Speedup = 0,
    [property: JsonPropertyName("seq_exponent")] double SequenceExponent = 1)
{
    /// <summary>The coefficients alone, as a plain <see cref="LatencyParams"/> (a derived record's own fields dropped).</summary>
    public LatencyParams Coefficients() => new(this);
}

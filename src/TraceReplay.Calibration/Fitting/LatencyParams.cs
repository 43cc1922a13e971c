namespace TraceReplay.Calibration.Fitting;

/// <summary>
/// Fitted coefficients of one operator's latency curve (see <see cref="LatencyForm"/>). Efficiencies are fractions of
/// the GPU's datasheet peaks, so the same coefficients can be carried to another GPU's peaks (cross-GPU transfer).
/// </summary>
/// <param name="OverheadUs">Fixed time per launch (launch latency, prologue, tail).</param>
/// <param name="PerSequenceUs">Attention only: extra time per sequence in the batch (per-sequence setup, split-KV merge).</param>
/// <param name="ComputeEfficiency">Achieved fraction of peak BF16 FLOP/s on the (wave-padded) FLOPs.</param>
/// <param name="MemoryEfficiency">Achieved fraction of HBM bandwidth on the analytic bytes (of link bandwidth for all-reduce).</param>
/// <param name="SmoothP">Exponent of the smooth maximum of compute and memory time (large = sharp roofline corner).</param>
/// <param name="WaveQuantization">GEMM and prefill attention: weight of wave-quantized FLOPs (128-row tiles over the SMs) vs. raw FLOPs.</param>
/// <param name="FillRowsPerSm">
/// Row-parallel kernels (norms, elementwise, decode attention): rows per SM needed to reach full bandwidth; with R rows
/// the memory time is stretched by (1 + fill x SMs / R), i.e. a fixed cost per row's bytes when the GPU is not full.
/// </param>
public sealed record LatencyParams(
    double OverheadUs,
    double PerSequenceUs,
    double ComputeEfficiency,
    double MemoryEfficiency,
    double SmoothP,
    double WaveQuantization,
    double FillRowsPerSm);

namespace TraceReplay.Reproductions.MlaMoe;

/// <summary>Core-attention intensity of one model/variant/phase at one batch and context.</summary>
/// <param name="ScoreFlopsPerByte">arXiv 2507.15465's definition (decode only): the score GEMM with its output.</param>
/// <param name="FusedFlopsPerByte">TraceReplay's fused-kernel operator (FlashAttention/FlashMLA): scores stay on chip.</param>
public sealed record AttentionIntensityRow(string Model, string Attention, string Phase, int Batch, int ContextTokens,
    double ScoreFlopsPerByte, double FusedFlopsPerByte);

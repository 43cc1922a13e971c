namespace TraceReplay.Core.Models;

/// <summary>Multi-head latent attention (DeepSeek-V2/V3/R1): KV compressed to a latent of <see cref="KvLoraRank"/> plus a RoPE key.</summary>
/// <param name="QLoraRank">Query down-projection rank; 0 means a plain query projection.</param>
/// <param name="KvLoraRank">Latent width d_c (512 for DeepSeek-V3).</param>
/// <param name="QkRopeDim">Decoupled RoPE key width d_r (64).</param>
/// <param name="QkNopeDim">Per-head non-RoPE query/key width (128).</param>
/// <param name="VHeadDim">Per-head value width (128).</param>
public sealed record MlaSpec(int QLoraRank, int KvLoraRank, int QkRopeDim, int QkNopeDim, int VHeadDim)
{
    public int QkHeadDim => QkNopeDim + QkRopeDim;

    /// <summary>Elements cached per token per layer: the latent plus the RoPE key.</summary>
    public int CachedWidth => KvLoraRank + QkRopeDim;
}

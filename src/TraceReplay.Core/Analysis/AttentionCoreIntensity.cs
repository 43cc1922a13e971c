using TraceReplay.Core.Models;

namespace TraceReplay.Core.Analysis;

/// <summary>
/// Arithmetic intensity of decode-time core attention as arXiv 2507.15465 defines it: the score GEMM of one
/// request (M = query heads sharing a KV head, K = head or latent width, N = context) counting its inputs and its
/// score output in BF16. Long context gives MHA ~1, GQA ~ group size, absorbed MLA ~ n_h*d_c/(n_h+d_c) (~102).
/// </summary>
public static class AttentionCoreIntensity
{
    /// <summary>Score-GEMM intensity (FLOP/byte) for one decoding request at <paramref name="contextTokens"/>.</summary>
    public static double DecodeScore(ModelSpec model, long contextTokens, bool absorbedMla = true)
    {
        (double m, double k) = model.Mla is { } mla
            ? absorbedMla ? (model.NumQHeads, mla.KvLoraRank) : (1.0, mla.QkHeadDim)
            : ((double)model.NumQHeads / model.NumKvHeads, model.HeadDim);
        double n = contextTokens;
        return 2 * m * n * k / (2 * (m * k + n * k + m * n));
    }

    /// <summary>
    /// Fused-kernel intensity (scores stay on chip): FLOPs of score and value products over the KV bytes read.
    /// For absorbed MLA this is FlashMLA's reuse of the latent for both products (~2x the score figure).
    /// </summary>
    public static double DecodeFused(ModelSpec model, bool absorbedMla = true)
    {
        if (model.Mla is { } mla)
        {
            return absorbedMla
                ? model.NumQHeads * (double)(mla.CachedWidth + mla.KvLoraRank) / mla.CachedWidth
                : (mla.QkHeadDim + mla.VHeadDim) / (double)(mla.QkHeadDim + mla.VHeadDim); // un-absorbed: per-head K/V, MHA-like
        }
        return (double)model.NumQHeads / model.NumKvHeads;
    }
}

namespace TraceReplay.Core.Models;

/// <summary>Counts parameters from the architecture, the way Hugging Face checkpoints lay them out.</summary>
internal static class ParameterCounter
{
    public static ParameterCounts Count(ModelSpec m)
    {
        long h = m.HiddenSize;
        long embedding = (long)m.VocabSize * h + (long)m.PositionEmbeddings * h;
        long lmHead = m.TieWordEmbeddings ? 0 : (long)m.VocabSize * h;
        long attentionPerLayer = AttentionParams(m);
        long attention = attentionPerLayer * m.NumLayers;
        // RMSNorm has a scale per channel; GPT-2/3 LayerNorm a scale and a bias.
        long norms = (m.GatedMlp ? 1 : 2) * (2 * h * m.NumLayers + h);
        long dense = 0, routed = 0, shared = 0, router = 0, activeExperts = 0;
        for (int layer = 0; layer < m.NumLayers; layer++)
        {
            if (m.MoeLayers[layer] && m.Moe is { } moe)
            {
                routed += moe.NumExperts * moe.ParamsPerExpert(m.HiddenSize);
                activeExperts += moe.TopK * moe.ParamsPerExpert(m.HiddenSize);
                shared += moe.SharedParams(m.HiddenSize);
                router += moe.RouterParams(m.HiddenSize);
            }
            else
            {
                dense += m.GatedMlp ? 3 * h * m.DenseFfn : 2 * h * m.DenseFfn + m.DenseFfn + h;
            }
        }
        long totalNonRouted = embedding + lmHead + attention + dense + shared + router + norms;
        return new ParameterCounts(embedding, lmHead, attention, dense, routed, shared, router, norms, totalNonRouted + activeExperts);
    }

    private static long AttentionParams(ModelSpec m)
    {
        long h = m.HiddenSize;
        if (m.Mla is { } mla)
        {
            long nh = m.NumQHeads;
            long q = mla.QLoraRank > 0
                ? h * mla.QLoraRank + mla.QLoraRank + (long)mla.QLoraRank * nh * mla.QkHeadDim
                : h * nh * mla.QkHeadDim;
            long kvDown = h * mla.CachedWidth + mla.KvLoraRank;
            long kvUp = (long)mla.KvLoraRank * nh * (mla.QkNopeDim + mla.VHeadDim);
            long o = nh * mla.VHeadDim * h;
            return q + kvDown + kvUp + o;
        }
        long qDim = (long)m.NumQHeads * m.HeadDim;
        long kvDim = (long)m.NumKvHeads * m.HeadDim;
        long p = h * (qDim + 2 * kvDim) + qDim * h;
        if (m.AttentionBias)
        {
            p += qDim + 2 * kvDim;
        }
        if (m.OutputBias)
        {
            p += h;
        }
        if (m.QkNorm)
        {
            p += 2L * m.HeadDim;
        }
        if (m.AttentionSinks)
        {
            p += m.NumQHeads;
        }
        return p;
    }
}

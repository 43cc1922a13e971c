namespace TraceReplay.Core.Operators;

public sealed partial class OperatorGraph
{
    /// <summary>
    /// DeepSeek MLA. Prefill runs un-absorbed (latent up-projected to per-head K/V for new and cached tokens, then
    /// ordinary attention with qk width 192 and v width 128); decode runs absorbed (W_UK folded into the query,
    /// attention directly over the 576-wide cached latent, W_UV applied after).
    /// </summary>
    private void AddMlaAttention(BatchShape batch, int layer, long tokens, int window, List<Operator> output)
    {
        var mla = _model.Mla!;
        int heads = Math.Max(1, _model.NumQHeads / _tp);
        long h = _model.HiddenSize;
        if (mla.QLoraRank > 0)
        {
            output.Add(Gemm(OpKind.MlaQDown, layer, tokens, h, mla.QLoraRank));
            output.Add(Gemm(OpKind.MlaQUp, layer, tokens, mla.QLoraRank, (long)heads * mla.QkHeadDim));
        }
        else
        {
            output.Add(Gemm(OpKind.MlaQUp, layer, tokens, h, (long)heads * mla.QkHeadDim));
        }
        output.Add(Gemm(OpKind.MlaKvDown, layer, tokens, h, mla.CachedWidth));
        output.Add(Elementwise(OpKind.Rope, layer, tokens, (heads + 1L) * mla.QkRopeDim, flopsPerElement: 6, readsPerElement: 1, writesPerElement: 1));
        double latentBytes = KvBytesPerTokenPerLayer;

        if (batch.Prefills.Count > 0)
        {
            var prefillOnly = new BatchShape();
            prefillOnly.Prefills.AddRange(batch.Prefills);
            long upRows = prefillOnly.Prefills.Sum(p => (long)p.Tokens + p.ContextOffset);
            output.Add(Gemm(OpKind.MlaKvUp, layer, upRows, mla.KvLoraRank, (long)heads * (mla.QkNopeDim + mla.VHeadDim)));
            double flopsPerPair = 2.0 * heads * (mla.QkHeadDim + mla.VHeadDim);
            double qOut = (double)heads * (mla.QkHeadDim + mla.VHeadDim) * _act;
            AddAttentionCore(prefillOnly, layer, window, flopsPerPair, latentBytes, qOut, output);
        }
        if (batch.DecodeContexts.Count > 0)
        {
            var decodeOnly = new BatchShape();
            decodeOnly.DecodeContexts.AddRange(batch.DecodeContexts);
            long n = decodeOnly.DecodeContexts.Count;
            output.Add(Gemm(OpKind.MlaQAbsorb, layer, n, mla.QkNopeDim, mla.KvLoraRank).BatchedOverHeads(heads));
            double flopsPerPair = 2.0 * heads * (mla.CachedWidth + mla.KvLoraRank);
            double qOut = (double)heads * (mla.CachedWidth + mla.KvLoraRank) * _act;
            AddAttentionCore(decodeOnly, layer, window, flopsPerPair, latentBytes, qOut, output);
            output.Add(Gemm(OpKind.MlaVAbsorb, layer, n, mla.KvLoraRank, mla.VHeadDim).BatchedOverHeads(heads));
        }
        output.Add(Gemm(OpKind.OutProj, layer, tokens, (long)heads * mla.VHeadDim, h));
    }
}

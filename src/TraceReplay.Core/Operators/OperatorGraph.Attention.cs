namespace TraceReplay.Core.Operators;

public sealed partial class OperatorGraph
{
    private void AddAttentionBlock(BatchShape batch, int layer, long tokens, List<Operator> output)
    {
        output.Add(Norm(OpKind.InputNorm, layer, tokens));
        int window = _model.SlidingWindowTokens[layer];
        if (_model.Mla is not null)
        {
            AddMlaAttention(batch, layer, tokens, window, output);
        }
        else
        {
            int qkvOut = (QHeadsPerGpu + 2 * KvHeadsPerGpu) * _model.HeadDim;
            output.Add(Gemm(OpKind.QkvProj, layer, tokens, _model.HiddenSize, qkvOut));
            output.Add(Elementwise(OpKind.Rope, layer, tokens, (QHeadsPerGpu + KvHeadsPerGpu) * (long)_model.HeadDim,
                flopsPerElement: 6, readsPerElement: 1, writesPerElement: 1));
            double pairFlops = 4.0 * QHeadsPerGpu * _model.HeadDim; // QK^T and PV, 2 FLOP per MAC each
            double qOutBytesPerToken = 2.0 * QHeadsPerGpu * _model.HeadDim * _act;
            AddAttentionCore(batch, layer, window, pairFlops, KvBytesPerTokenPerLayer, qOutBytesPerToken, output);
            output.Add(Gemm(OpKind.OutProj, layer, tokens, QHeadsPerGpu * (long)_model.HeadDim, _model.HiddenSize));
        }
        if (_tp > 1)
        {
            output.Add(AllReduce(OpKind.AttnAllReduce, layer, tokens));
        }
    }

    /// <summary>Prefill and decode attention of <paramref name="batch"/> as <see cref="FusedAttention"/> kernels.</summary>
    private void AddAttentionCore(BatchShape batch, int layer, int window, double flopsPerPair, double kvBytesPerToken,
        double qOutBytesPerToken, List<Operator> output)
    {
        var kernel = new FusedAttention(flopsPerPair, kvBytesPerToken, qOutBytesPerToken, _tp, _model.KvDtype);
        if (batch.Prefills.Count > 0)
        {
            double pairs = 0, kvRead = 0;
            long context = 0, newTokens = 0;
            foreach (PrefillPiece p in batch.Prefills)
            {
                pairs += AttentionMath.CausalPairs(p.ContextOffset, p.Tokens, window);
                long attendedCached = window > 0 ? Math.Min(p.ContextOffset, window) : p.ContextOffset;
                kvRead += attendedCached * kvBytesPerToken;
                context += p.ContextOffset + p.Tokens;
                newTokens += p.Tokens;
            }
            output.Add(kernel.Prefill(layer, batch.Prefills.Count, newTokens, context, pairs, kvRead));
        }
        if (batch.DecodeContexts.Count > 0)
        {
            double pairs = 0;
            long context = 0;
            foreach (int cached in batch.DecodeContexts)
            {
                pairs += AttentionMath.CausalPairs(cached, 1, window);
                context += cached + 1;
            }
            output.Add(kernel.Decode(layer, batch.DecodeContexts.Count, context, pairs));
        }
    }
}

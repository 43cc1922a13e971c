namespace TraceReplay.Core.Operators;

public sealed partial class OperatorGraph
{
    private void AddFfnBlock(int layer, long tokens, List<Operator> output)
    {
        output.Add(Norm(OpKind.PostNorm, layer, tokens));
        if (_model.MoeLayers[layer] && _model.Moe is { } moe)
        {
            AddMoe(layer, tokens, moe, output);
        }
        else
        {
            AddGatedMlp(OpKind.MlpUpGate, OpKind.MlpDown, layer, tokens, _model.DenseFfn / _tp, output);
        }
        if (_tp > 1)
        {
            output.Add(AllReduce(OpKind.MlpAllReduce, layer, tokens));
        }
    }

    private void AddGatedMlp(OpKind up, OpKind down, int layer, long tokens, long ffnPerGpu, List<Operator> output)
    {
        // Gated (SwiGLU): up and gate in one GEMM, act(gate) * up. GPT-2/3: up, GELU.
        int branches = _model.GatedMlp ? 2 : 1;
        output.Add(Gemm(up, layer, tokens, _model.HiddenSize, branches * ffnPerGpu));
        output.Add(Elementwise(OpKind.MlpAct, layer, tokens, ffnPerGpu, flopsPerElement: 5, readsPerElement: branches, writesPerElement: 1));
        output.Add(Gemm(down, layer, tokens, ffnPerGpu, _model.HiddenSize));
    }

    /// <summary>
    /// Router + top-k, then the routed experts as one grouped GEMM (experts TP-sharded along their FFN, as vLLM does):
    /// it streams the weights of every distinct expert any token selected, and does k expert FFNs per token.
    /// </summary>
    private void AddMoe(int layer, long tokens, Models.MoeSpec moe, List<Operator> output)
    {
        long h = _model.HiddenSize;
        // vLLM keeps the router (gate) unquantized in every quantized checkpoint it serves.
        Operator router = Gemm(OpKind.MoeRouter, layer, tokens, h, moe.NumExperts, _model.ActivationDtype);
        output.Add(router with { Flops = router.Flops + 4.0 * tokens * moe.NumExperts });

        if (!OmitRoutedExperts)
        {
            output.Add(RoutedExperts(layer, tokens, tokens * moe.TopK, _routing!.ExpectedDistinctExperts(layer, tokens)));
        }
        if (moe.NumSharedExperts > 0)
        {
            long sharedFfn = (long)moe.NumSharedExperts * moe.SharedExpertFfn / _tp;
            Operator upGate = Gemm(OpKind.SharedExperts, layer, tokens, h, 2 * sharedFfn);
            Operator down = Gemm(OpKind.SharedExperts, layer, tokens, sharedFfn, h);
            output.Add(upGate with { Flops = upGate.Flops + down.Flops, Bytes = upGate.Bytes + down.Bytes });
        }
    }

    /// <summary>
    /// The fused routed-expert kernel of one GPU: <paramref name="assignments"/> (token, expert) rows over
    /// <paramref name="tokens"/> tokens, streaming <paramref name="expertsHit"/> experts' weights (TP-sharded along their FFN).
    /// </summary>
    public Operator RoutedExperts(int layer, long tokens, long assignments, double expertsHit)
    {
        Models.MoeSpec moe = _model.Moe!;
        double paramsPerExpertPerGpu = moe.ParamsPerExpert(_model.HiddenSize) / (double)_tp;
        return Operator.FusedMoe(layer, tokens, assignments, expertsHit, _model.HiddenSize, moe.ExpertFfn / _tp, paramsPerExpertPerGpu,
            _model.ExpertWeightDtype, _act, _tp);
    }

    private void AddHead(BatchShape batch, List<Operator> output)
    {
        long sampled = batch.SampledTokens;
        if (sampled == 0)
        {
            return;
        }
        output.Add(Elementwise(OpKind.FinalNorm, -1, sampled, _model.HiddenSize, flopsPerElement: 5, readsPerElement: 1, writesPerElement: 1,
            weightBytes: _model.HiddenSize * _model.WeightBytesPerParam));
        long vocabPerGpu = (_model.VocabSize + _tp - 1) / _tp;
        output.Add(Gemm(OpKind.LmHead, -1, sampled, _model.HiddenSize, vocabPerGpu));
        // Softmax + top-p/top-k over fp32 logits (gathered to one rank).
        output.Add(new Operator
        {
            Kind = OpKind.Sampling,
            Layer = -1,
            Flops = 10.0 * sampled * _model.VocabSize,
            Bytes = new HbmTraffic(0, 0, 0, 0, 2.0 * sampled * _model.VocabSize * 4),
            Tokens = sampled,
            InFeatures = _model.VocabSize,
            OutFeatures = 1,
            TpDegree = _tp,
        });
    }
}

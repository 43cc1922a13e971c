namespace TraceReplay.Core.Operators;

/// <summary>The operators of one decoder layer (plus the model's head and tail), in execution order.</summary>
public enum OpKind
{
    Embedding,
    InputNorm,
    QkvProj,
    /// <summary>MLA: hidden -> q latent (q_a_proj).</summary>
    MlaQDown,
    /// <summary>MLA: q latent -> per-head q (q_b_proj).</summary>
    MlaQUp,
    /// <summary>MLA: hidden -> KV latent + RoPE key (kv_a_proj_with_mqa); its output is what the cache stores.</summary>
    MlaKvDown,
    /// <summary>MLA prefill (un-absorbed): latent -> per-head K and V (kv_b_proj) for new and cached tokens.</summary>
    MlaKvUp,
    /// <summary>MLA decode (absorbed): q_nope x W_UK per head.</summary>
    MlaQAbsorb,
    /// <summary>MLA decode (absorbed): latent output x W_UV per head.</summary>
    MlaVAbsorb,
    Rope,
    AttentionPrefill,
    AttentionDecode,
    OutProj,
    AttnAllReduce,
    PostNorm,
    MlpUpGate,
    MlpAct,
    MlpDown,
    MoeRouter,
    MoeExperts,
    SharedExperts,
    MlpAllReduce,
    FinalNorm,
    LmHead,
    Sampling,
    /// <summary>Expert parallelism: one all-to-all (dispatch of tokens to their experts' GPUs, or combine back).</summary>
    MoeAllToAll,
}

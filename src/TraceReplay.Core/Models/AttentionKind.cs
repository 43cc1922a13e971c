namespace TraceReplay.Core.Models;

public enum AttentionKind
{
    /// <summary>Multi-head: one KV head per query head.</summary>
    Mha,
    /// <summary>Grouped-query: several query heads share a KV head.</summary>
    Gqa,
    /// <summary>Multi-head latent attention (DeepSeek).</summary>
    Mla,
}

using TraceReplay.Core.Models;

namespace TraceReplay.Core.Operators;

/// <summary>
/// Prefill and decode attention as FlashAttention-style fused kernels: cached KV read once per sequence, new KV
/// written once, scores never leave SRAM. The one formula the operator graph (per-request lists) and the fast cost
/// path (per-iteration sums) share; callers pass the sums they computed their own way.
/// </summary>
/// <param name="FlopsPerPair">FLOPs per attended (query, key) pair: QK^T and PV, 2 FLOP per MAC each.</param>
/// <param name="KvBytesPerToken">KV-cache bytes of one token in this layer on one GPU.</param>
/// <param name="QOutBytesPerToken">Query read plus output written per query token.</param>
public readonly record struct FusedAttention(double FlopsPerPair, double KvBytesPerToken, double QOutBytesPerToken, int TpDegree, DType KvDtype)
{
    /// <summary>Prompt pieces: <paramref name="kvReadBytes"/> of cached KV read, the new tokens' KV written.</summary>
    public Operator Prefill(int layer, int sequences, long newTokens, long contextTokens, double pairs, double kvReadBytes) => new()
    {
        Kind = OpKind.AttentionPrefill,
        Layer = layer,
        Flops = pairs * FlopsPerPair,
        Bytes = new HbmTraffic(0, 0, kvReadBytes, newTokens * KvBytesPerToken, newTokens * QOutBytesPerToken + newTokens * KvBytesPerToken),
        Tokens = newTokens,
        Sequences = sequences,
        ContextTokens = contextTokens,
        AttendedPairs = pairs,
        TpDegree = TpDegree,
        Dtype = KvDtype,
    };

    /// <summary>One new token per sequence: its K/V is written to the cache, then read back with the rest of the context.</summary>
    public Operator Decode(int layer, int sequences, long contextTokens, double pairs) => new()
    {
        Kind = OpKind.AttentionDecode,
        Layer = layer,
        Flops = pairs * FlopsPerPair,
        Bytes = new HbmTraffic(0, 0, pairs * KvBytesPerToken, sequences * KvBytesPerToken, sequences * QOutBytesPerToken),
        Tokens = sequences,
        Sequences = sequences,
        ContextTokens = contextTokens,
        AttendedPairs = pairs,
        TpDegree = TpDegree,
        Dtype = KvDtype,
    };
}

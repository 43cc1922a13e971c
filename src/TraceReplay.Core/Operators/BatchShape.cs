namespace TraceReplay.Core.Operators;

/// <summary>What one iteration runs: prompt pieces and decoding requests.</summary>
public sealed class BatchShape
{
    public List<PrefillPiece> Prefills { get; } = [];

    /// <summary>Per decoding request: tokens already in its KV cache (prompt + generated so far).</summary>
    public List<int> DecodeContexts { get; } = [];

    public int PrefillTokens => Prefills.Sum(p => p.Tokens);

    public int Tokens => PrefillTokens + DecodeContexts.Count;

    /// <summary>Positions whose logits are sampled: each decode, and each prompt piece that completes its prompt.</summary>
    public int SampledTokens => DecodeContexts.Count + Prefills.Count(p => p.EmitsToken);

    public BatchShape AddPrefill(int tokens, int contextOffset = 0, bool emitsToken = true)
    {
        Prefills.Add(new PrefillPiece(tokens, contextOffset, emitsToken));
        return this;
    }

    public BatchShape AddDecode(int contextTokens)
    {
        DecodeContexts.Add(contextTokens);
        return this;
    }

    public BatchShape AddDecodes(int count, int contextTokens)
    {
        for (int i = 0; i < count; i++)
        {
            DecodeContexts.Add(contextTokens);
        }
        return this;
    }

    public void Clear()
    {
        Prefills.Clear();
        DecodeContexts.Clear();
    }
}

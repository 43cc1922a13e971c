namespace TraceReplay.Simulation.Cost;

/// <summary>What the attention operators of one layer need to know about a batch, summed over its requests.</summary>
internal readonly record struct AttentionAggregate(
    int PrefillPieces, long PrefillNewTokens, long PrefillContext, long PrefillPairs, long PrefillCachedRead,
    int Decodes, long DecodeContext, long DecodePairs)
{
    public AttentionAggregate DecodeOnly => this with { PrefillPieces = 0, PrefillNewTokens = 0, PrefillContext = 0, PrefillPairs = 0, PrefillCachedRead = 0 };
}

namespace TraceReplay.Core.Requests;

/// <summary>The part of a request a replay needs: when it arrived, how long it is, and its prefix-cache blocks.</summary>
/// <param name="Id">Request id (row order in the source unless the source has ids).</param>
/// <param name="ArrivalNs">Arrival in nanoseconds from the start of the trace.</param>
/// <param name="PromptTokens">Prompt (input, context) tokens.</param>
/// <param name="OutputTokens">Generated (output) tokens.</param>
/// <param name="HashIds">Prefix-cache block hashes (Mooncake <c>hash_ids</c>), one per <paramref name="HashBlockTokens"/>
/// prompt tokens, the last possibly partial; null when the source has none (prefix caching is then a no-op).</param>
/// <param name="HashBlockTokens">Prompt tokens per hash block (512 for Mooncake); 0 without hashes.</param>
public readonly record struct RequestRecord(long Id, long ArrivalNs, int PromptTokens, int OutputTokens,
    long[]? HashIds = null, int HashBlockTokens = 0);

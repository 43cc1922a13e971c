namespace TraceReplay.Core.Requests;

/// <summary>The part of a request a replay needs: when it arrived and how long it is.</summary>
/// <param name="Id">Request id (row order in the source unless the source has ids).</param>
/// <param name="ArrivalNs">Arrival in nanoseconds from the start of the trace.</param>
/// <param name="PromptTokens">Prompt (input, context) tokens.</param>
/// <param name="OutputTokens">Generated (output) tokens.</param>
public readonly record struct RequestRecord(long Id, long ArrivalNs, int PromptTokens, int OutputTokens);

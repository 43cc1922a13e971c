namespace TraceReplay.Capture.Live;

/// <summary>A request seen from arrival to completion during a capture.</summary>
/// <param name="FirstTokenEpochNs">Null when the gateway never reported a first token (e.g. zero output tokens).</param>
public readonly record struct CapturedRequest(
    long RequestId, long ArrivalEpochNs, long? FirstTokenEpochNs, long CompletedEpochNs, int PromptTokens, int OutputTokens, string Model, string SessionId)
{
    public double? TtftSeconds => FirstTokenEpochNs is long f ? (f - ArrivalEpochNs) / 1e9 : null;

    public double E2eSeconds => (CompletedEpochNs - ArrivalEpochNs) / 1e9;
}

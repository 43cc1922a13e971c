namespace TraceReplay.Capture.Live;

/// <summary>One TraceReplay-Requests event as received from EventPipe.</summary>
/// <param name="EpochNs">When the gateway emitted it (UTC, ns since the Unix epoch; 100 ns resolution).</param>
/// <param name="Tokens">Prompt tokens for an arrival, output tokens for a completion, 0 otherwise.</param>
public readonly record struct RequestEvent(RequestEventKind Kind, long RequestId, long EpochNs, int Tokens, string Model = "", string SessionId = "");

namespace TraceReplay.Capture.Live;

/// <summary>What one live capture saw. Events read = events of completed requests + of incomplete ones + rejected.</summary>
/// <param name="Completed">Requests seen from arrival to completion, in completion order.</param>
/// <param name="IncompleteIds">Requests that arrived but had not completed when the capture ended; not written.</param>
/// <param name="OrphanEvents">First-token/completion events of requests that arrived before the capture started.</param>
/// <param name="DuplicateArrivals">Arrivals that reused a request id already seen.</param>
/// <param name="EventsLost">Events EventPipe dropped (buffer full); nonzero means the capture is incomplete.</param>
public sealed record LiveCaptureResult(
    int Pid,
    long SessionStartEpochNs,
    long SessionEndEpochNs,
    IReadOnlyList<CapturedRequest> Completed,
    IReadOnlyList<long> IncompleteIds,
    long EventsRead,
    long OrphanEvents,
    long DuplicateArrivals,
    long EventsLost)
{
    public long PromptTokens => Completed.Sum(r => (long)r.PromptTokens);

    public long OutputTokens => Completed.Sum(r => (long)r.OutputTokens);

    public double DurationSeconds => (SessionEndEpochNs - SessionStartEpochNs) / 1e9;
}

namespace TraceReplay.Capture.Live;

/// <summary>The request lifecycle events of <c>TraceReplay.Instrumentation.RequestEventSource</c> (values = event ids).</summary>
public enum RequestEventKind
{
    Arrived = 1,
    FirstToken = 2,
    Completed = 3,
}

using System.Diagnostics.Tracing;

namespace TraceReplay.Instrumentation;

/// <summary>
/// Request lifecycle events an LLM gateway emits so <c>tracereplay capture --pid N</c> can record its traffic over
/// EventPipe. Call <see cref="RequestArrived"/> when a request is admitted, <see cref="FirstToken"/> when its first
/// output token is sent and <see cref="RequestCompleted"/> when it finishes. Request ids must be unique within the
/// process. Every method is a cheap no-op (one flag test) while no session listens.
/// </summary>
[EventSource(Name = ProviderName)]
public sealed class RequestEventSource : EventSource
{
    /// <summary>The EventPipe provider name a capture session enables.</summary>
    public const string ProviderName = "TraceReplay-Requests";

    public const int RequestArrivedId = 1;
    public const int FirstTokenId = 2;
    public const int RequestCompletedId = 3;

    public static readonly RequestEventSource Log = new();

    private RequestEventSource()
    {
    }

    /// <summary>A request was admitted with <paramref name="promptTokens"/> prompt tokens.</summary>
    /// <param name="model">Model name the request targets; empty when the gateway serves one model.</param>
    /// <param name="sessionId">Conversation/session id; empty when unknown.</param>
    [Event(RequestArrivedId, Level = EventLevel.Informational, Message = "request {0} arrived: {1} prompt tokens")]
    public void RequestArrived(long requestId, int promptTokens, string model, string sessionId)
    {
        if (IsEnabled())
        {
            WriteEvent(RequestArrivedId, requestId, promptTokens, model ?? "", sessionId ?? "");
        }
    }

    /// <summary>A request without model or session (single-model gateways).</summary>
    [NonEvent]
    public void RequestArrived(long requestId, int promptTokens) => RequestArrived(requestId, promptTokens, "", "");

    /// <summary>The first output token of <paramref name="requestId"/> was sent (time to first token ends here).</summary>
    [Event(FirstTokenId, Level = EventLevel.Informational, Message = "request {0}: first token")]
    public void FirstToken(long requestId)
    {
        if (IsEnabled())
        {
            WriteEvent(FirstTokenId, requestId);
        }
    }

    /// <summary>The request finished after generating <paramref name="outputTokens"/> tokens.</summary>
    [Event(RequestCompletedId, Level = EventLevel.Informational, Message = "request {0} completed: {1} output tokens")]
    public void RequestCompleted(long requestId, int outputTokens)
    {
        if (IsEnabled())
        {
            WriteEvent(RequestCompletedId, requestId, outputTokens);
        }
    }
}

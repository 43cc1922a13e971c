using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using TraceReplay.Instrumentation;

namespace TraceReplay.Capture.Live;

/// <summary>
/// A live EventPipe session on a running .NET process that listens to <see cref="RequestEventSource"/> and pairs
/// its events into requests. Events are timestamped by the target process when emitted, so arrival times do not
/// depend on how fast this side reads them. Stop (or the target exiting) flushes and ends the session.
/// </summary>
public sealed class LiveCaptureSession : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _processing;
    private readonly RequestPairer _pairer = new();
    private readonly long _startEpochNs;
    private bool _stopped;

    private LiveCaptureSession(int pid, EventPipeSession session, long startEpochNs)
    {
        Pid = pid;
        _session = session;
        _startEpochNs = startEpochNs;
        _source = new EventPipeEventSource(session.EventStream);
        _source.Dynamic.All += OnEvent;
        // Process() blocks until the stream ends: on Stop, or when the target exits.
        _processing = Task.Run(() => _source.Process());
    }

    public int Pid { get; }

    /// <summary>Completes when the event stream ends (after <see cref="StopAsync"/> or when the target exits).</summary>
    public Task Ended => _processing;

    /// <summary>Connects to <paramref name="pid"/>'s diagnostics port and enables the request provider.</summary>
    public static async Task<LiveCaptureSession> StartAsync(int pid, CancellationToken cancel = default)
    {
        var client = new DiagnosticsClient(pid);
        EventPipeProvider[] providers = [new(RequestEventSource.ProviderName, EventLevel.Informational)];
        long start = EpochNs(DateTime.UtcNow);
        EventPipeSession session;
        try
        {
            session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 256, cancel).ConfigureAwait(false);
        }
        catch (ServerNotAvailableException ex)
        {
            throw new IOException($"process {pid}: no .NET diagnostics port to attach to (is it a running .NET 5+ process, owned by this user, with DOTNET_EnableDiagnostics not 0?): {ex.Message}", ex);
        }
        return new LiveCaptureSession(pid, session, start);
    }

    /// <summary>Stops the session, waits for the buffered events and returns what was captured.</summary>
    public async Task<LiveCaptureResult> StopAsync(CancellationToken cancel = default)
    {
        if (!_stopped)
        {
            _stopped = true;
            if (!_processing.IsCompleted)
            {
                try
                {
                    await _session.StopAsync(cancel).ConfigureAwait(false);
                }
                catch (ServerNotAvailableException)
                {
                    // The target exited: its runtime already closed the stream.
                }
            }
            await _processing.WaitAsync(cancel).ConfigureAwait(false);
        }
        return new LiveCaptureResult(Pid, _startEpochNs, EpochNs(DateTime.UtcNow), _pairer.Completed,
            [.. _pairer.IncompleteIds.Order()], _pairer.EventsRead, _pairer.OrphanEvents, _pairer.DuplicateArrivals, _source.EventsLost);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            try
            {
                await StopAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ServerNotAvailableException or TimeoutException)
            {
                // Disposal after a failure: nothing left to save.
            }
        }
        _source.Dispose();
        _session.Dispose();
    }

    private void OnEvent(TraceEvent e)
    {
        if (e.ProviderName != RequestEventSource.ProviderName || (int)e.ID is < 1 or > 3)
        {
            return;
        }
        var kind = (RequestEventKind)(int)e.ID;
        long id = Convert.ToInt64(e.PayloadByName("requestId"), System.Globalization.CultureInfo.InvariantCulture);
        int tokens = kind switch
        {
            RequestEventKind.Arrived => Convert.ToInt32(e.PayloadByName("promptTokens"), System.Globalization.CultureInfo.InvariantCulture),
            RequestEventKind.Completed => Convert.ToInt32(e.PayloadByName("outputTokens"), System.Globalization.CultureInfo.InvariantCulture),
            _ => 0,
        };
        string model = kind == RequestEventKind.Arrived ? e.PayloadByName("model") as string ?? "" : "";
        string sessionId = kind == RequestEventKind.Arrived ? e.PayloadByName("sessionId") as string ?? "" : "";
        _pairer.Add(new RequestEvent(kind, id, EpochNs(e.TimeStamp.ToUniversalTime()), tokens, model, sessionId));
    }

    private static long EpochNs(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks * 100;
}

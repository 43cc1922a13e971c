namespace TraceReplay.Capture.Live;

/// <summary>
/// Pairs arrival, first-token and completion events by request id. Every event read is accounted for: it belongs to
/// a completed request, to a request still running at the end (incomplete), or is rejected (a completion or first
/// token whose arrival predates the capture, or a second arrival with an id already seen).
/// </summary>
public sealed class RequestPairer
{
    private readonly Dictionary<long, Pending> _pending = [];
    private readonly HashSet<long> _done = [];
    private readonly List<CapturedRequest> _completed = [];

    public long EventsRead { get; private set; }

    /// <summary>Completions (and first tokens) of requests that arrived before the capture started.</summary>
    public long OrphanEvents { get; private set; }

    /// <summary>Arrivals reusing an id already seen in this capture.</summary>
    public long DuplicateArrivals { get; private set; }

    public IReadOnlyList<CapturedRequest> Completed => _completed;

    /// <summary>Requests that arrived but had not completed when the capture ended (not written).</summary>
    public IEnumerable<long> IncompleteIds => _pending.Keys;

    public void Add(RequestEvent e)
    {
        EventsRead++;
        switch (e.Kind)
        {
            case RequestEventKind.Arrived:
                if (_done.Contains(e.RequestId) || !_pending.TryAdd(e.RequestId, new Pending(e)))
                {
                    DuplicateArrivals++;
                }
                break;
            case RequestEventKind.FirstToken:
                if (_pending.TryGetValue(e.RequestId, out Pending? p) && p.FirstTokenEpochNs is null)
                {
                    p.FirstTokenEpochNs = e.EpochNs;
                }
                else
                {
                    OrphanEvents++;
                }
                break;
            case RequestEventKind.Completed:
                if (_pending.Remove(e.RequestId, out Pending? done))
                {
                    _done.Add(e.RequestId);
                    RequestEvent a = done.Arrival;
                    _completed.Add(new CapturedRequest(a.RequestId, a.EpochNs, done.FirstTokenEpochNs, e.EpochNs, a.Tokens, e.Tokens, a.Model, a.SessionId));
                }
                else
                {
                    OrphanEvents++;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "unknown request event kind");
        }
    }

    private sealed class Pending(RequestEvent arrival)
    {
        public RequestEvent Arrival { get; } = arrival;

        public long? FirstTokenEpochNs { get; set; }
    }
}

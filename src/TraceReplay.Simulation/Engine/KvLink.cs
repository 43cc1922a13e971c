namespace TraceReplay.Simulation.Engine;

/// <summary>
/// The KV link out of one prefill instance, shared fairly by the transfers on it (processor sharing): with n
/// transfers each drains at bandwidth / n. Every GPU of the instance sends its own TP shard over its own link at
/// once, so the link is modelled per GPU, draining per-GPU bytes. Touched only when a transfer starts or drains.
/// </summary>
public sealed class KvLink(double bytesPerNsPerGpu)
{
    private readonly List<KvTransfer> _active = [];
    private long _lastNs;

    public double BytesPerNsPerGpu { get; } = bytesPerNsPerGpu;

    public int Active => _active.Count;

    /// <summary>When the next scheduled drain event is (long.MaxValue when none), so later starts do not push duplicates.</summary>
    public long ScheduledNs { get; set; } = long.MaxValue;

    /// <summary>Each transfer's current share of the link, bytes per ns per GPU.</summary>
    public double ShareBytesPerNs(int transfers) => BytesPerNsPerGpu / Math.Max(1, transfers);

    public void Start(KvTransfer t, long nowNs)
    {
        Drain(nowNs, null);
        _active.Add(t);
    }

    /// <summary>Drains every transfer up to <paramref name="nowNs"/>; those done (within half a ns of their share) go to <paramref name="done"/>.</summary>
    public void Drain(long nowNs, List<KvTransfer>? done)
    {
        if (_active.Count > 0 && nowNs > _lastNs)
        {
            double sent = (nowNs - _lastNs) * ShareBytesPerNs(_active.Count);
            foreach (KvTransfer t in _active)
            {
                t.RemainingBytesPerGpu -= sent;
            }
        }
        _lastNs = Math.Max(_lastNs, nowNs);
        if (done is null)
        {
            return;
        }
        double share = ShareBytesPerNs(_active.Count);
        for (int i = 0; i < _active.Count; i++)
        {
            if (_active[i].RemainingBytesPerGpu <= share * 0.5)
            {
                done.Add(_active[i]);
            }
        }
        _active.RemoveAll(t => t.RemainingBytesPerGpu <= share * 0.5);
    }

    /// <summary>When the first active transfer drains at today's sharing (rounded to whole ns); long.MaxValue when idle.</summary>
    public long NextDrainNs()
    {
        if (_active.Count == 0)
        {
            return long.MaxValue;
        }
        double least = _active.Min(t => t.RemainingBytesPerGpu);
        return _lastNs + (long)Math.Round(Math.Max(0, least) / ShareBytesPerNs(_active.Count), MidpointRounding.ToEven);
    }
}

using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// Disaggregated prefill/decode: a prefill instance hands a request off after its first token; the least-loaded
/// decode instance reserves blocks for the prompt's KV (FCFS, as its blocks and max sequences allow), then the KV
/// crosses the prefill instance's link (<see cref="KvLink"/>, latency + bytes / shared bandwidth), and the request
/// decodes there. The prefill instance's blocks are freed when the KV has landed.
/// </summary>
public sealed partial class ReplaySimulation : IKvHandoff
{
    private const int KvLinkEvent = -(1 << 29);
    private const int KvArrivedEvent = -(1 << 30);
    private readonly List<KvTransfer> _drained = [];
    private readonly Dictionary<int, KvTransfer> _landing = [];
    private KvLink[] _links = [];
    private Queue<KvTransfer>[] _awaitingBlocks = [];
    private int[] _inFlight = [];
    private double _kvBytesPerTokenPerGpu;
    private long _latencyNs;
    private readonly KvTransferCounter _transfers = new();

    /// <summary>KV bytes of one prompt token as the prefill pool holds it: every layer, all TP shards.</summary>
    public double KvBytesPerToken => _kvBytesPerTokenPerGpu * _options.ForPool(prefill: true).TensorParallel;

    private void InitDisaggregation()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.KvLinkGbps);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.KvLinkLatencyUs);
        _kvBytesPerTokenPerGpu = Graph.KvBytesPerTokenPerLayer * Model.NumLayers;
        _latencyNs = (long)Math.Round(_options.KvLinkLatencyUs * 1000, MidpointRounding.ToEven);
        _links = [.. Enumerable.Range(0, _options.PrefillReplicas).Select(_ => new KvLink(_options.KvLinkGbps / 8.0))];
        _awaitingBlocks = [.. Enumerable.Range(0, _options.DecodeReplicas).Select(_ => new Queue<KvTransfer>())];
        _inFlight = new int[_options.DecodeReplicas];
        for (int i = 0; i < _options.PrefillReplicas; i++)
        {
            _instances[i].Handoff = this;
        }
    }

    void IKvHandoff.HandOff(ServingInstance prefill, int slot, long nowNs)
    {
        RequestTable t = _requests;
        var x = new KvTransfer
        {
            Slot = slot,
            Prefill = prefill.Index,
            HeldBlocks = t.Blocks[slot] - t.SharedBlocks[slot],
            HeldSharedBlocks = t.SharedBlocks[slot],
            HeldCachedRefs = t.CachedRefs[slot],
            Hashes = t.Hashes[slot],
            TotalBytes = t.Prompt[slot] * KvBytesPerToken,
            RemainingBytesPerGpu = t.Prompt[slot] * _kvBytesPerTokenPerGpu,
            HandoffNs = nowNs,
            LastPrefillIterationNs = prefill.LastIterationNs,
        };
        t.Blocks[slot] = t.SharedBlocks[slot] = t.CachedRefs[slot] = 0;
        ServingInstance d = _instances[_routable];
        for (int i = _routable; i < _instances.Length; i++)
        {
            if (DecodeLoad(_instances[i]) < DecodeLoad(d))
            {
                d = _instances[i];
            }
        }
        x.Decode = d.Index;
        _awaitingBlocks[d.Index - _routable].Enqueue(x);
        TryReserveKv(d, nowNs);
    }

    private int DecodeLoad(ServingInstance d) => d.Outstanding + _awaitingBlocks[d.Index - _routable].Count + _inFlight[d.Index - _routable];

    /// <summary>Decode admission waits for KV blocks: reserves them FCFS for the transfers queued at <paramref name="d"/>, each then starts.</summary>
    private void TryReserveKv(ServingInstance d, long nowNs)
    {
        int k = d.Index - _routable;
        Queue<KvTransfer> q = _awaitingBlocks[k];
        while (q.Count > 0 && d.Context.Running.Count + _inFlight[k] < _options.MaxSequences)
        {
            KvTransfer x = q.Peek();
            int need = d.Context.Blocks.BlocksFor(_requests.Prompt[x.Slot]);
            if (!d.Context.Blocks.TryAllocate(need))
            {
                return;
            }
            q.Dequeue();
            _requests.Blocks[x.Slot] = need;
            _inFlight[k]++;
            x.StartNs = nowNs;
            KvLink link = _links[x.Prefill];
            if (_options.KvStreaming && nowNs == x.HandoffNs)
            {
                // Layers 1..L-1 left during the last prefill iteration, at the share the link would have given them.
                double early = x.LastPrefillIterationNs * link.ShareBytesPerNs(link.Active + 1);
                x.RemainingBytesPerGpu -= Math.Min(x.RemainingBytesPerGpu * (Model.NumLayers - 1) / Model.NumLayers, early);
            }
            link.Start(x, nowNs);
            DrainLink(x.Prefill, nowNs);
        }
    }

    /// <summary>Retires the transfers <paramref name="link"/> finished by <paramref name="nowNs"/> and schedules its next drain.</summary>
    private void DrainLink(int link, long nowNs)
    {
        KvLink l = _links[link];
        if (l.ScheduledNs <= nowNs)
        {
            l.ScheduledNs = long.MaxValue;
        }
        _drained.Clear();
        l.Drain(nowNs, _drained);
        foreach (KvTransfer x in _drained)
        {
            if (_latencyNs == 0)
            {
                Land(x, nowNs);
            }
            else
            {
                _landing.Add(x.Slot, x);
                Push(nowNs + _latencyNs, KvArrivedEvent - x.Slot);
            }
        }
        long next = l.NextDrainNs();
        if (next < l.ScheduledNs)
        {
            l.ScheduledNs = next;
            Push(next, KvLinkEvent - link);
        }
    }

    private void KvArrived(int slot, long nowNs)
    {
        _landing.Remove(slot, out KvTransfer? x);
        Land(x!, nowNs);
    }

    /// <summary>The KV is on the decode instance: the prefill instance frees its copy, the request decodes.</summary>
    private void Land(KvTransfer x, long nowNs)
    {
        ServingInstance p = _instances[x.Prefill], d = _instances[x.Decode];
        p.Context.ReleaseBlocks(x.HeldBlocks, x.HeldCachedRefs, x.Hashes);
        RequestTable t = _requests;
        t.Instance[x.Slot] = d.Index;
        t.PrefillTarget[x.Slot] = t.Computed[x.Slot] = t.Prompt[x.Slot];
        _inFlight[x.Decode - _routable]--;
        d.Context.Running.Add(x.Slot);
        _transfers.Add(x.TotalBytes, nowNs - x.StartNs, x.StartNs - x.HandoffNs);
        Wake(p, nowNs);
        Wake(d, nowNs);
    }

    private void Wake(ServingInstance inst, long nowNs)
    {
        if (!inst.Busy && !inst.WakePending)
        {
            inst.WakePending = true;
            Push(nowNs, -2 - inst.Index);
        }
    }

    private DisaggregationSummary? BuildDisaggregation(long windowNs)
    {
        if (!_options.Disaggregated)
        {
            return null;
        }
        DisaggregationSummary.Pool Pool(bool prefill)
        {
            ReplayOptions o = _options.ForPool(prefill);
            ServingInstance[] pool = prefill ? _instances[.._routable] : _instances[_routable..];
            return new DisaggregationSummary.Pool(pool.Length, o.TensorParallel, prefill ? KvBlocks : DecodeKvBlocks,
                windowNs > 0 ? pool.Sum(i => (double)i.BusyNs) / (pool.Length * (double)windowNs) : double.NaN,
                pool.Max(i => i.PeakUsedBlocks));
        }
        return _transfers.Build(KvBytesPerToken, Pool(prefill: true), Pool(prefill: false));
    }
}

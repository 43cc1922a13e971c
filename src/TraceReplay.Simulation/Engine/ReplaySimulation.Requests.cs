using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Simulation.Engine;

public sealed partial class ReplaySimulation
{
    private readonly Queue<RequestRecord> _injected = new();
    private readonly QueueGrowth _queue = new();
    private int _hashBlockTokens;

    private void Arrive(in RequestRecord r, long now)
    {
        _queue.Observe(now, WaitingRequests());
        if (r.HashIds is not null)
        {
            SawHashes(r);
        }
        ServingInstance inst = Route(r);
        _routed++;
        string? reason = RejectReason(r);
        if (reason is not null)
        {
            var outcome = new RequestOutcome(r.Id, inst.Index, false, reason, r.ArrivalNs, -1, -1, r.PromptTokens, r.OutputTokens,
                0, 0, -1, double.NaN, -1, _options.SloTtftS.HasValue || _options.SloTbtS.HasValue ? false : null);
            _summary.AddOutcome(outcome);
            _sink?.OnRequest(outcome);
            RequestEnded(now);
            return;
        }
        inst.Enqueue(r); // a slot is allocated when it reaches the head of the queue
        if (!inst.Busy && !inst.WakePending)
        {
            // A wake event rather than starting now: arrivals at the same ns that come later in the stream join too.
            inst.WakePending = true;
            Push(now, -2 - inst.Index);
        }
    }

    private int WaitingRequests()
    {
        int waiting = 0;
        foreach (ServingInstance i in _instances)
        {
            waiting += i.Waiting;
        }
        return waiting;
    }

    /// <summary>Requests that could never run: empty, or more KV than an instance has even alone.</summary>
    private string? RejectReason(in RequestRecord r)
    {
        if (r.PromptTokens < 1)
        {
            return "empty_prompt";
        }
        if (r.OutputTokens < 1)
        {
            return "no_output_tokens";
        }
        long lifetimeTokens = (long)r.PromptTokens + r.OutputTokens - 1;
        BlockManager b = _instances[0].Context.Blocks; // one rank's: a request's KV lives on its rank
        if (_options.Disaggregated)
        {
            // The prompt must fit a prefill instance, the whole request a decode one (one rank each).
            return b.BlocksFor(r.PromptTokens) > b.TotalBlocks || b.BlocksFor(lifetimeTokens) > DecodeKvBlocks ? "exceeds_kv_capacity" : null;
        }
        return b.BlocksFor(lifetimeTokens) > b.TotalBlocks ? "exceeds_kv_capacity" : null;
    }

    private ServingInstance Route(in RequestRecord r)
    {
        if (_options.Router == RouterPolicy.RoundRobin)
        {
            return _instances[_routed % _routable];
        }
        ServingInstance best = _instances[0];
        int bestHit = -1;
        foreach (ServingInstance i in _instances.AsSpan(0, _routable))
        {
            int hit = _options.Router == RouterPolicy.PrefixAware ? CachedPrefixBlocks(i, r) : 0;
            if (hit > bestHit || (hit == bestHit && i.Outstanding < best.Outstanding))
            {
                best = i;
                bestHit = hit;
            }
        }
        return best;
    }

    /// <summary>Prefix-aware routing: the request's leading hash blocks <paramref name="i"/> could serve from its cache.</summary>
    private static int CachedPrefixBlocks(ServingInstance i, in RequestRecord r) =>
        i.Context.Blocks.Cache is { } cache && r.HashIds is { } h ? cache.Match(h, cache.FullBlocks(h, r.PromptTokens - 1L)) : 0;

    /// <summary>The first request with block hashes sets the hash block size and, with prefix caching on, creates
    /// every instance's prefix cache; all later ones must agree on the size.</summary>
    private void SawHashes(in RequestRecord r)
    {
        if (_prefix.SawHashes)
        {
            if (r.HashBlockTokens != _hashBlockTokens)
            {
                throw new InvalidDataException(FormattableString.Invariant(
                    $"request {r.Id}: hash blocks of {r.HashBlockTokens} tokens, but earlier requests' cover {_hashBlockTokens}; one trace, one block size"));
            }
            return;
        }
        _prefix.SawHashes = true;
        _hashBlockTokens = r.HashBlockTokens;
        if (!_prefixCaching)
        {
            return;
        }
        if (_hashBlockTokens <= 0 || _hashBlockTokens % _options.BlockTokens != 0)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"prefix caching: the trace's hash blocks cover {r.HashBlockTokens} tokens, not a multiple of --block-size {_options.BlockTokens}; pick a block size that divides it, or --prefix-caching off"));
        }
        foreach (ServingInstance i in _instances)
        {
            foreach (DpRank rank in i.Ranks) // each data-parallel rank holds its own KV, so its own cache
            {
                rank.Context.Blocks.Cache = new PrefixCache(_hashBlockTokens, _hashBlockTokens / _options.BlockTokens);
            }
        }
    }

    void IRequestFinisher.Finish(int slot, Span<long> g)
    {
        RequestTable t = _requests;
        int gaps = g.Length;
        long max = -1, sum = 0;
        foreach (long gap in g)
        {
            max = Math.Max(max, gap);
            sum += gap;
            _summary.AddGap(gap);
        }
        long p99 = Quantiles.Select(g, 0.99);
        long ttft = t.FirstTokenNs[slot] - t.ArrivalNs[slot];
        bool? slo = null;
        if (_options.SloTtftS.HasValue || _options.SloTbtS.HasValue)
        {
            slo = (!_options.SloTtftS.HasValue || ttft <= _options.SloTtftS.Value * 1e9)
                && (!_options.SloTbtS.HasValue || gaps == 0 || max <= _options.SloTbtS.Value * 1e9);
        }
        var outcome = new RequestOutcome(t.Id[slot], t.Instance[slot], true, null, t.ArrivalNs[slot], t.FirstTokenNs[slot], t.LastTokenNs[slot],
            t.Prompt[slot], t.Output[slot], t.Generated[slot], t.Preemptions[slot], max, gaps > 0 ? sum / (double)gaps : double.NaN, p99, slo);
        _summary.AddOutcome(outcome);
        _sink?.OnRequest(outcome);
        _prefix.Add(t.Instance[slot], t.Prompt[slot], t.PrefixHitTokens[slot]);
        long endNs = t.LastTokenNs[slot];
        t.Release(slot);
        RequestEnded(endNs);
    }

    /// <summary>Closed loop: the client whose request ended at <paramref name="nowNs"/> sends its next one then.</summary>
    private void RequestEnded(long nowNs)
    {
        if (_closedLoop?.OnRequestEnded(nowNs) is { } next)
        {
            Inject(next);
        }
    }

    /// <summary>Queues an arrival created during the run; arrivals are pushed at non-decreasing times, so the FIFO
    /// queue and the event order agree.</summary>
    private void Inject(in RequestRecord r)
    {
        if (_firstArrivalNs < 0)
        {
            _firstArrivalNs = r.ArrivalNs;
        }
        _injected.Enqueue(r);
        Push(r.ArrivalNs, InjectedArrivalEvent);
    }

    private ReplaySummary BuildSummary()
    {
        long windowNs = _firstArrivalNs < 0 ? 0 : _lastEventNs - _firstArrivalNs;
        double idle = 0;
        foreach (ServingInstance i in _instances)
        {
            idle += i.Energy.IdleJ(Math.Max(0, windowNs - i.BusyNs));
        }
        bool hasSlo = _options.SloTtftS.HasValue || _options.SloTbtS.HasValue;
        long preempted = 0;
        foreach (ServingInstance i in _instances)
        {
            preempted += i.Preemptions;
        }
        ReplaySummary s = _summary.Build(windowNs * 1e-9, idle, hasSlo, KvBlocks);
        _summary.ReleaseSpill(); // the summary is final: drop any spilled samples' temporary files now
        return s with
        {
            Preemptions = preempted,
            Overloaded = _queue.Overloaded,
            QueueGrowthRequestsPerS = _queue.GrowthPerS,
            QueueRiseRequests = _queue.RiseRequests,
            PrefixCache = _prefix.Build(_prefixCaching),
            Disaggregation = BuildDisaggregation(windowNs),
            WeightBytesPerGpu = ExpertParallelism.WeightBytesPerGpu(Model, _options),
        };
    }
}

using TraceReplay.Core.Cost;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Scheduling;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// One serving instance (a TP group, or an EP group of data-parallel attention ranks; <see cref="ExpertParallelism"/>):
/// its ranks' schedulers, KV blocks and the iteration in flight. The ranks step together, as DP+EP engines do (an idle
/// rank runs an empty batch to join the all-to-alls). The simulation calls <see cref="TryStart"/> when it is idle or an
/// iteration ended, and <see cref="Complete"/> at the iteration's end.
/// </summary>
public sealed class ServingInstance
{
    private readonly DpRank[] _ranks;
    private readonly IterationPlan[] _plans;
    private readonly IIterationCostEvaluator _cost;
    private readonly EnergyModel _energy;
    private readonly int _gpus;
    private readonly int _layers;
    private readonly StepOverhead _overhead;
    private long _enqueued;

    /// <param name="kvBlocks">KV blocks of the whole instance (split evenly over its ranks).</param>
    /// <param name="vectorizedBatch">False only for the scalar test oracle of the batch passes (<see cref="BatchKernels"/>).</param>
    public ServingInstance(int index, ReplayOptions options, RequestTable requests, IIterationCostEvaluator cost, EnergyModel energy,
        int kvBlocks, int layers, bool vectorizedBatch = true)
    {
        Index = index;
        _cost = cost;
        _energy = energy;
        _gpus = ExpertParallelism.GpusPerInstance(options);
        _layers = layers;
        _overhead = StepOverhead.For(options);
        int ranks = options.ExpertParallel;
        _ranks = [.. Enumerable.Range(0, ranks).Select(_ => new DpRank(index, options, requests, kvBlocks / ranks, layers, vectorizedBatch))];
        _plans = [.. _ranks.Select(r => r.Plan)];
        if (ranks > 1 && cost is not ExpertParallelIterationCost)
        {
            throw new ArgumentException("an expert-parallel instance needs the expert-parallel cost evaluator", nameof(cost));
        }
    }

    public int Index { get; }
    /// <summary>The first (for a TP instance, the only) rank's scheduler state.</summary>
    public SchedulerContext Context => _ranks[0].Context;
    public IterationPlan Plan => _ranks[0].Plan;
    public IScheduler Scheduler => _ranks[0].Scheduler;
    public IReadOnlyList<DpRank> Ranks => _ranks;
    public bool Busy { get; private set; }
    public bool WakePending { get; set; }
    public long BusyNs { get; private set; }
    public EnergyModel Energy => _energy;

    /// <summary>Disaggregated serving: set on prefill instances, which hand each request off after its first token
    /// (disaggregation runs one rank per instance: <see cref="ExpertParallelism.Validate"/>).</summary>
    public IKvHandoff? Handoff { get; set; }

    /// <summary>Duration of the iteration started last (ns).</summary>
    public long LastIterationNs { get; private set; }

    /// <summary>Most KV blocks requests held at an iteration start (all ranks).</summary>
    public int PeakUsedBlocks { get; private set; }
    public int Outstanding => _ranks.Length == 1 ? _ranks[0].Outstanding : _ranks.Sum(r => r.Outstanding);

    /// <summary>Requests queued (not yet admitted) on all ranks.</summary>
    public int Waiting => _ranks.Length == 1 ? _ranks[0].Context.Waiting.Count : _ranks.Sum(r => r.Context.Waiting.Count);
    public long Preemptions => _ranks.Sum(r => r.Context.Preemptions);

    /// <summary>Queues an arrival on a rank: round-robin over the ranks (SGLang's default DP dispatch).</summary>
    public void Enqueue(in RequestRecord r) => _ranks[_enqueued++ % _ranks.Length].Context.Waiting.PushBack(r);

    /// <summary>Forms the next batch; returns its iteration record (end = start + duration), or null when there is no work.</summary>
    public IterationRecord? TryStart(long nowNs, long iterationIndex)
    {
        bool any = false;
        foreach (DpRank rank in _ranks)
        {
            rank.Plan.Reset(_layers);
            rank.Scheduler.Schedule(rank.Context, rank.Plan);
            any |= !rank.Plan.IsEmpty;
        }
        if (!any)
        {
            Busy = false;
            return null;
        }
        IterationCost c;
        double stepUs = 0;
        if (_ranks.Length == 1)
        {
            c = _cost.Evaluate(Plan);
            stepUs = _overhead.StepUs(Plan, c.LatencyUs, _layers);
        }
        else
        {
            c = ((ExpertParallelIterationCost)_cost).Evaluate(_plans);
            foreach (IterationPlan p in _plans)
            {
                stepUs = p.IsEmpty ? stepUs : Math.Max(stepUs, _overhead.StepUs(p, c.LatencyUs, _layers));
            }
        }
        long durationNs = Math.Max(1, (long)Math.Round(stepUs * 1000.0, MidpointRounding.ToEven));
        Busy = true;
        BusyNs += durationNs;
        LastIterationNs = durationNs;
        double energy = _energy.IterationJ(durationNs, c.Bytes.TotalBytes, c.Flops);
        int prefill = 0, decodes = 0, pieces = 0, sampled = 0, blocks = 0;
        foreach (DpRank rank in _ranks)
        {
            prefill += rank.Plan.PrefillTokens;
            decodes += rank.Plan.DecodeCount;
            pieces += rank.Plan.PieceCount;
            sampled += rank.Plan.SampledTokens;
            blocks += rank.Context.Blocks.UsedBlocks;
        }
        PeakUsedBlocks = Math.Max(PeakUsedBlocks, blocks);
        return new IterationRecord(iterationIndex, Index, nowNs, durationNs, prefill, decodes, pieces, sampled, blocks,
            c.Bytes.Scale(_gpus), c.Flops * _gpus, energy, Plan.GroupIndex, Plan.GroupCount,
            _cost is ExpertParallelIterationCost ep ? ep.LastImbalance : double.NaN);
    }

    /// <summary>Applies the iteration's progress at <paramref name="endNs"/>; finished requests go to <paramref name="finish"/>.</summary>
    public void Complete(long endNs, IRequestFinisher finish)
    {
        foreach (DpRank rank in _ranks)
        {
            Complete(rank, endNs, finish);
        }
        Busy = false;
    }

    private void Complete(DpRank rank, long endNs, IRequestFinisher finish)
    {
        IterationPlan plan = rank.Plan;
        RunningBatch running = rank.Context.Running;
        int decodes = plan.DecodeCount;
        // Every scheduler runs a prefix of the batch's decodes (preempted ones left both); landed requests join behind it.
        if (!running.DecodeSlots[..Math.Min(decodes, running.DecodeCount)].SequenceEqual(plan.DecodeSlots))
        {
            throw new InvalidOperationException("the iteration's decodes are not the running batch's decode prefix");
        }
        foreach (int s in running.EmitDecodes(decodes, endNs))
        {
            Finish(rank, s, finish);
        }
        if (plan.PrefillCommits)
        {
            ReadOnlySpan<int> slots = plan.PieceSlots, tokens = plan.PieceTokens;
            ReadOnlySpan<bool> emits = plan.PieceEmits;
            for (int i = 0; i < slots.Length; i++)
            {
                int s = slots[i];
                bool done = running.CompletePiece(s, tokens[i], emits[i] ? endNs : -1);
                rank.Context.CommitPrefix(s);
                if (done)
                {
                    running.Remove(s);
                    Finish(rank, s, finish);
                }
                else if (emits[i] && Handoff is not null)
                {
                    running.Remove(s);
                    running.TakeGaps(s); // it decodes on the decode instance
                    rank.Scheduler.OnRemoved(s);
                    Handoff.HandOff(this, s, endNs);
                }
            }
        }
        rank.Scheduler.OnIterationCompleted(rank.Context, plan);
    }

    /// <summary>A request that left the running batch is complete: its KV goes back, its outcome out.</summary>
    private static void Finish(DpRank rank, int slot, IRequestFinisher finish)
    {
        rank.Context.ReleaseBlocks(slot);
        rank.Scheduler.OnRemoved(slot);
        finish.Finish(slot, rank.Context.Running.TakeGaps(slot));
    }
}

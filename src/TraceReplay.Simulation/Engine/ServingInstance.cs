using TraceReplay.Core.Cost;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Scheduling;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// One serving instance (a TP group, or an EP group with data-parallel attention): its scheduler, KV blocks and the iteration in flight. The simulation calls
/// <see cref="TryStart"/> when it is idle or an iteration ended, and <see cref="Complete"/> at the iteration's end.
/// </summary>
public sealed class ServingInstance
{
    private readonly IScheduler _scheduler;
    private readonly IIterationCostEvaluator _cost;
    private readonly EnergyModel _energy;
    private readonly int _tp;
    private readonly int _layers;
    private readonly StepOverhead _overhead;

    public ServingInstance(int index, ReplayOptions options, RequestTable requests, IIterationCostEvaluator cost, EnergyModel energy,
        int kvBlocks, int layers)
    {
        Index = index;
        _cost = cost;
        _energy = energy;
        _tp = ExpertParallelism.GpusPerInstance(options);
        _layers = layers;
        options = ExpertParallelism.GroupOptions(options);
        _overhead = StepOverhead.For(options);
        _scheduler = SchedulerRegistry.Create(options.Scheduler, options);
        Context = new SchedulerContext(requests, new BlockManager(kvBlocks, options.BlockTokens), options, layers, index) { Scheduler = _scheduler };
    }

    public int Index { get; }
    public SchedulerContext Context { get; }
    public IterationPlan Plan { get; } = new();
    public IScheduler Scheduler => _scheduler;
    public bool Busy { get; private set; }
    public bool WakePending { get; set; }
    public long BusyNs { get; private set; }
    public int Outstanding => Context.Waiting.Count + Context.Running.Count;

    /// <summary>Forms the next batch; returns its iteration record (end = start + duration), or null when there is no work.</summary>
    public IterationRecord? TryStart(long nowNs, long iterationIndex)
    {
        Plan.Reset(_layers);
        _scheduler.Schedule(Context, Plan);
        if (Plan.IsEmpty)
        {
            Busy = false;
            return null;
        }
        IterationCost c = _cost.Evaluate(Plan);
        double stepUs = _overhead.StepUs(Plan, c.LatencyUs, _layers);
        long durationNs = Math.Max(1, (long)Math.Round(stepUs * 1000.0, MidpointRounding.ToEven));
        Busy = true;
        BusyNs += durationNs;
        double energy = _energy.IterationJ(durationNs, c.Bytes.TotalBytes, c.Flops);
        return new IterationRecord(iterationIndex, Index, nowNs, durationNs, Plan.PrefillTokens, Plan.DecodeCount, Plan.PieceCount,
            Plan.SampledTokens, Context.Blocks.UsedBlocks, c.Bytes.Scale(_tp), c.Flops * _tp, energy, Plan.GroupIndex, Plan.GroupCount,
            _cost is ExpertParallelIterationCost ep ? ep.LastImbalance : double.NaN);
    }

    /// <summary>Applies the iteration's progress at <paramref name="endNs"/>; finished requests go to <paramref name="finish"/>.</summary>
    public void Complete(long endNs, IRequestFinisher finish)
    {
        RequestTable r = Context.Requests;
        ReadOnlySpan<int> decodes = Plan.DecodeSlots;
        for (int i = 0; i < decodes.Length; i++)
        {
            int s = decodes[i];
            r.Computed[s]++;
            if (r.EmitToken(s, endNs))
            {
                Finish(s, finish);
            }
        }
        if (Plan.PrefillCommits)
        {
            ReadOnlySpan<int> slots = Plan.PieceSlots, tokens = Plan.PieceTokens;
            ReadOnlySpan<bool> emits = Plan.PieceEmits;
            for (int i = 0; i < slots.Length; i++)
            {
                int s = slots[i];
                r.Computed[s] += tokens[i];
                if (emits[i] && r.EmitToken(s, endNs))
                {
                    Finish(s, finish);
                }
            }
        }
        _scheduler.OnIterationCompleted(Context, Plan);
        Busy = false;
    }

    private void Finish(int slot, IRequestFinisher finish)
    {
        Context.Blocks.Free(Context.Requests.Blocks[slot]);
        Context.Requests.Blocks[slot] = 0;
        Context.Running.Remove(slot);
        _scheduler.OnRemoved(slot);
        finish.Finish(slot);
    }
}

using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>
/// Layered prefill (arXiv 2510.08055, BACKGROUND.md section 3). Every running decode passes through all layers
/// each iteration, with no token budget. One prefill cohort is in flight: it passes through one of G contiguous,
/// balanced layer groups per iteration, so it finishes in exactly G iterations and its first tokens are sampled in
/// the last group's iteration. A new cohort forms only when the previous one finished: continuing chunks of long
/// prompts first, then FCFS admissions, up to <c>--cohort-tokens</c> (8192) prompt tokens and max sequences
/// (decodes counted); a prompt longer than that is chunked at 8192, each chunk its own cohort. A prompt that does
/// not fit the cohort's remaining budget waits for the next cohort (FCFS, no skipping).
/// </summary>
[Scheduler("layered", "layered prefill: one cohort through G layer groups, decodes through all layers (arXiv 2510.08055)")]
public sealed class LayeredScheduler(ReplayOptions options) : IScheduler
{
    private readonly List<int> _slots = [];
    private readonly List<int> _tokens = [];
    private readonly List<int> _offsets = [];
    private int _group;

    /// <summary>Groups of the cohort in flight (0 when none).</summary>
    public int Groups { get; private set; }

    public void Schedule(SchedulerContext ctx, IterationPlan plan)
    {
        ChunkedPrefill.AllDecodes(ctx, plan);
        if (_slots.Count == 0)
        {
            FormCohort(ctx);
        }
        if (_slots.Count == 0)
        {
            return;
        }
        bool last = _group == Groups - 1;
        plan.PrefillLayers = LayerGroups.Range(_group, Groups, ctx.Layers);
        plan.GroupIndex = _group;
        plan.GroupCount = Groups;
        plan.PrefillCommits = last;
        plan.PrefillEmbeds = _group == 0;
        RunningBatch r = ctx.Running;
        for (int i = 0; i < _slots.Count; i++)
        {
            int s = _slots[i];
            plan.AddPiece(s, _tokens[i], _offsets[i], last && _offsets[i] + _tokens[i] == r.Target(s));
        }
    }

    public void OnIterationCompleted(SchedulerContext ctx, IterationPlan plan)
    {
        if (_slots.Count > 0 && ++_group == Groups)
        {
            Clear();
        }
    }

    public void OnRemoved(int slot)
    {
        int i = _slots.IndexOf(slot);
        if (i < 0)
        {
            return;
        }
        _slots.RemoveAt(i);
        _tokens.RemoveAt(i);
        _offsets.RemoveAt(i);
        if (_slots.Count == 0)
        {
            Clear();
        }
    }

    private void FormCohort(SchedulerContext ctx)
    {
        RequestTable r = ctx.Requests;
        int budget = options.CohortTokens;
        foreach (int s in ctx.Running.PrefillSlots)
        {
            if (budget == 0)
            {
                continue;
            }
            int remaining = ctx.Running.RemainingPrefill(s);
            if (_slots.Count > 0 && remaining > budget)
            {
                break;
            }
            Add(s, Math.Min(remaining, budget), ctx.Running.Computed(s));
            budget -= _tokens[^1];
        }
        while (budget > 0 && ctx.Waiting.Count > 0 && ctx.Running.Count < options.MaxSequences)
        {
            int head = ctx.Waiting.PeekFront();
            int target = r.Prompt[head] + r.Generated[head];
            if ((_slots.Count > 0 && target > budget) || !ctx.TryAdmitHead())
            {
                break;
            }
            Add(head, Math.Min(target, budget), 0);
            budget -= _tokens[^1];
        }
        if (_slots.Count > 0)
        {
            Groups = LayerGroups.Choose(options.CohortTokens - budget, options, ctx.Layers);
            _group = 0;
        }
    }

    private void Add(int slot, int tokens, int offset)
    {
        _slots.Add(slot);
        _tokens.Add(tokens);
        _offsets.Add(offset);
    }

    private void Clear()
    {
        _slots.Clear();
        _tokens.Clear();
        _offsets.Clear();
        _group = 0;
        Groups = 0;
    }
}

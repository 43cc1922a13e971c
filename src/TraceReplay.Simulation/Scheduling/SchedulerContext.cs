using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>
/// What a scheduler sees of one instance, and the only ways it may change it: admit the head of the waiting queue
/// (allocating its prompt's KV blocks), grow a decode's blocks, and preempt by recompute when blocks run out.
/// </summary>
public sealed class SchedulerContext(RequestTable requests, BlockManager blocks, ReplayOptions options, int layers, int instance = 0)
{
    private int[] _scratch = new int[64];

    public RequestTable Requests { get; } = requests;
    public BlockManager Blocks { get; } = blocks;
    public ReplayOptions Options { get; } = options;
    public int Layers { get; } = layers;

    /// <summary>Admitted requests (prefilling or decoding), in admission order.</summary>
    public List<int> Running { get; } = [];

    /// <summary>Arrived, not admitted (or preempted) requests; FCFS from the front.</summary>
    public WaitingQueue Waiting { get; } = new(requests, instance);

    public IScheduler? Scheduler { get; set; }

    public long Preemptions { get; private set; }

    /// <summary>Admits the head of the waiting queue if its blocks fit: blocks for <paramref name="reserveTokens"/>
    /// (default: the whole prefill target, as vLLM v0 allocates whole prompts on admission).</summary>
    public bool TryAdmitHead(int reserveTokens = -1)
    {
        int slot = Waiting.PeekFront();
        int target = Requests.Prompt[slot] + Requests.Generated[slot];
        int need = Blocks.BlocksFor(reserveTokens < 0 ? target : reserveTokens) - Requests.Blocks[slot];
        if (need > 0 && !Blocks.TryAllocate(need))
        {
            return false;
        }
        Requests.Blocks[slot] += Math.Max(need, 0);
        Requests.PrefillTarget[slot] = target;
        Requests.Computed[slot] = 0;
        Waiting.PopFront();
        Running.Add(slot);
        return true;
    }

    /// <summary>
    /// Makes room for one more KV token of <paramref name="slot"/>, preempting the youngest running requests when
    /// blocks run out. Returns false when <paramref name="slot"/> itself was preempted.
    /// </summary>
    public bool EnsureDecodeBlock(int slot, IterationPlan plan) => EnsureBlocks(slot, Requests.Computed[slot] + 1L, plan);

    /// <summary>
    /// Grows <paramref name="slot"/>'s KV blocks to hold <paramref name="tokens"/> tokens (vLLM v1 allocates a prompt
    /// chunk's blocks as it is scheduled), preempting the youngest running requests when blocks run out. Returns
    /// false when <paramref name="slot"/> itself was preempted.
    /// </summary>
    public bool EnsureBlocks(int slot, long tokens, IterationPlan plan)
    {
        int need = Blocks.BlocksFor(tokens);
        while (Requests.Blocks[slot] < need)
        {
            int more = need - Requests.Blocks[slot];
            if (Blocks.TryAllocate(more))
            {
                Requests.Blocks[slot] += more;
                continue;
            }
            int victim = Youngest();
            Preempt(victim, plan);
            if (victim == slot)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Running requests in admission order, copied (the running list may shrink while scheduling).</summary>
    public ReadOnlySpan<int> RunningSnapshot()
    {
        if (_scratch.Length < Running.Count)
        {
            _scratch = new int[Math.Max(Running.Count, _scratch.Length * 2)];
        }
        Running.CopyTo(_scratch);
        return _scratch.AsSpan(0, Running.Count);
    }

    /// <summary>Running requests currently decoding, copied (the running list may shrink while scheduling).</summary>
    public ReadOnlySpan<int> DecodingSnapshot()
    {
        int n = 0;
        if (_scratch.Length < Running.Count)
        {
            _scratch = new int[Math.Max(Running.Count, _scratch.Length * 2)];
        }
        foreach (int s in Running)
        {
            if (Requests.IsDecoding(s))
            {
                _scratch[n++] = s;
            }
        }
        return _scratch.AsSpan(0, n);
    }

    /// <summary>Youngest running request: latest arrival, then the larger id.</summary>
    public int Youngest()
    {
        int best = Running[0];
        foreach (int s in Running)
        {
            if (Requests.ArrivalNs[s] > Requests.ArrivalNs[best]
                || (Requests.ArrivalNs[s] == Requests.ArrivalNs[best] && Requests.Id[s] > Requests.Id[best]))
            {
                best = s;
            }
        }
        return best;
    }

    /// <summary>Preemption by recompute: free its KV, forget its progress, put it at the front of the queue.</summary>
    public void Preempt(int slot, IterationPlan plan)
    {
        Blocks.Free(Requests.Blocks[slot]);
        Requests.Blocks[slot] = 0;
        Requests.Computed[slot] = 0;
        Requests.Preemptions[slot]++;
        Preemptions++;
        Running.Remove(slot);
        plan.Remove(slot);
        Waiting.PushFront(slot);
        Scheduler?.OnRemoved(slot);
    }
}

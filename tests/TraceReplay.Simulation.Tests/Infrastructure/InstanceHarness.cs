using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Tests.Infrastructure;

/// <summary>
/// One serving instance driven by hand: add requests to its queue, step iterations of a fixed 1 ms, and read
/// back each batch and each finished request.
/// </summary>
internal sealed class InstanceHarness : IRequestFinisher
{
    public const long IterationNs = 1_000_000;
    private long _nextId;

    public InstanceHarness(string scheduler, int kvBlocks = 100_000, Func<ReplayOptions, ReplayOptions>? configure = null, int layers = 48)
    {
        var options = new ReplayOptions { Model = "qwen3-30b-a3b", Gpu = "h100", Scheduler = scheduler };
        Options = configure is null ? options : configure(options);
        Instance = new ServingInstance(0, Options, Table, new FixedCost(), new EnergyModel(0, 0, 0, 1, "test"), kvBlocks, layers);
    }

    public ReplayOptions Options { get; }
    public RequestTable Table { get; } = new();
    public ServingInstance Instance { get; }
    public long NowNs { get; private set; }
    public int Iterations { get; private set; }
    public Dictionary<long, RequestOutcome> Finished { get; } = [];

    /// <summary>Prompt tokens found cached at each finished request's first admission, by id.</summary>
    public Dictionary<long, int> PrefixHitTokens { get; } = [];

    /// <summary>Turns on prefix caching with Mooncake's 512-token hash blocks.</summary>
    public InstanceHarness WithPrefixCache()
    {
        Instance.Context.Blocks.Cache = new PrefixCache(512, 512 / Options.BlockTokens);
        return this;
    }

    public long Add(int prompt, int output, long[]? hashes = null)
    {
        long id = _nextId++;
        int slot = Table.Allocate(new RequestRecord(id, NowNs, prompt, output, hashes, hashes is null ? 0 : 512), 0);
        Instance.Context.Waiting.PushBack(slot);
        return id;
    }

    /// <summary>Runs one iteration; null when the instance has nothing to do.</summary>
    public PlanView? Step()
    {
        IterationRecord? it = Instance.TryStart(NowNs, Iterations);
        if (it is null)
        {
            return null;
        }
        var p = Instance.Plan;
        var view = new PlanView(
            [.. Enumerable.Range(0, p.DecodeCount).Select(i => (Table.Id[p.DecodeSlots[i]], p.DecodeCached[i]))],
            [.. Enumerable.Range(0, p.PieceCount).Select(i => (Table.Id[p.PieceSlots[i]], p.PieceTokens[i], p.PieceOffsets[i], p.PieceEmits[i]))],
            p.PrefillLayers.Start, p.PrefillLayers.End, p.GroupIndex, p.GroupCount);
        NowNs += it.Value.DurationNs;
        Iterations++;
        Instance.Complete(NowNs, this);
        return view;
    }

    /// <summary>Steps until idle (bounded), returning every batch.</summary>
    public List<PlanView> RunToIdle(int max = 100_000)
    {
        var all = new List<PlanView>();
        while (all.Count < max && Step() is { } v)
        {
            all.Add(v);
        }
        return all;
    }

    public void Finish(int slot, Span<long> gapsNs)
    {
        RequestTable t = Table;
        Finished[t.Id[slot]] = new RequestOutcome(t.Id[slot], 0, true, null, t.ArrivalNs[slot], t.FirstTokenNs[slot], t.LastTokenNs[slot],
            t.Prompt[slot], t.Output[slot], t.Generated[slot], t.Preemptions[slot], -1, double.NaN, -1, null);
        PrefixHitTokens[t.Id[slot]] = t.PrefixHitTokens[slot];
        t.Release(slot);
    }
}

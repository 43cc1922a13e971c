using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;
using TraceReplay.Core.Requests;
using TraceReplay.Core.Routing;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Workloads;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// Discrete-event replay of a request stream on R identical instances behind a router. Events are request
/// arrivals, instance wake-ups and iteration ends, ordered by <see cref="EventKey"/> (ns, then a sequence number
/// owned by this simulation), so the same inputs give the same event order and the same bytes out.
/// </summary>
public sealed partial class ReplaySimulation : IRequestFinisher
{
    private const int ArrivalEvent = -1;
    /// <summary>An arrival created during the run (closed loop); instance wake-ups use -2 - index, far above this.</summary>
    private const int InjectedArrivalEvent = int.MinValue;
    private readonly ReplayOptions _options;
    private readonly IReplaySink? _sink;
    private readonly RequestTable _requests = new();
    private readonly ServingInstance[] _instances;
    private readonly SummaryAccumulator _summary = new();
    private readonly PriorityQueue<int, EventKey> _events = new();
    private readonly EnergyModel _energy;
    /// <summary>Instances arrivals are routed to: all, or the prefill pool when disaggregated.</summary>
    private readonly int _routable;
    private long _seq;
    private long _iterations;
    private long _routed;
    private long _firstArrivalNs = -1;
    private long _lastEventNs;
    private ClosedLoopSource? _closedLoop;
    private readonly bool _prefixCaching;
    private readonly PrefixCacheCounter _prefix;
    private readonly bool _vectorizedBatch;

    public ReplaySimulation(ReplayOptions options, ICostModel cost, IReplaySink? sink = null)
        : this(options, cost, sink, vectorizedBatch: true)
    {
    }

    /// <param name="vectorizedBatch">False runs the batch passes' scalar test oracle (<see cref="BatchKernels"/>).</param>
    internal ReplaySimulation(ReplayOptions options, ICostModel cost, IReplaySink? sink, bool vectorizedBatch)
    {
        _vectorizedBatch = vectorizedBatch;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Disaggregated ? options.DecodeReplicas : options.Replicas, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSequences, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BlockTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkTokens, 1);
        _options = options;
        _sink = sink;
        Model = options.ServedModel(ModelCatalog.Resolve(options.Model));
        Gpu = GpuCatalog.Resolve(options.Gpu);
        ExpertParallelism.Validate(options, Model);
        IRoutingModel? routing = RoutingModels.Create(options.Routing, Model, options.Seed);
        _prefixCaching = Scheduling.SchedulerRegistry.PrefixCaching(options);
        _prefix = new PrefixCacheCounter(options.InstanceCount);
        _instances = new ServingInstance[options.InstanceCount];
        // One pool when aggregated; prefill instances first, then decode ones, when disaggregated (each pool its own TP).
        (Graph, KvBlocks, _energy) = BuildPool(options.ForPool(prefill: true), 0, cost, routing);
        if (options.Disaggregated)
        {
            (_, DecodeKvBlocks, _) = BuildPool(options.ForPool(prefill: false), options.PrefillReplicas, cost, routing);
        }
        _routable = options.Disaggregated ? options.PrefillReplicas : _instances.Length;
        if (options.Disaggregated)
        {
            InitDisaggregation();
        }
    }

    private (OperatorGraph Graph, int KvBlocks, EnergyModel Energy) BuildPool(ReplayOptions pool, int first, ICostModel cost, IRoutingModel? routing)
    {
        var graph = new OperatorGraph(Model, pool.TensorParallel, routing);
        int blocks = _options.KvBlocksOverride ?? KvCapacity.Blocks(graph, Gpu, pool);
        var energy = EnergyModel.For(Gpu, pool);
        for (int i = first; i < first + pool.Replicas; i++)
        {
            _instances[i] = new ServingInstance(i, pool, _requests, Evaluator(pool, graph, cost, routing, i), energy, blocks, Model.NumLayers,
                _vectorizedBatch);
        }
        return (graph, blocks, energy);
    }

    /// <summary>
    /// The per-instance cost evaluator: the operator graph's, unless expert parallelism or recorded routing needs the
    /// routed experts costed per step and per rank (<see cref="ExpertParallelIterationCost"/>; each instance its own
    /// step counter and seeded draws).
    /// </summary>
    private IIterationCostEvaluator Evaluator(ReplayOptions options, OperatorGraph poolGraph, ICostModel cost, IRoutingModel? routing, int instance)
    {
        bool perStep = routing is not null && (options.ExpertParallel > 1 || routing is RecordedRouting);
        OperatorGraph graph = perStep ? new OperatorGraph(Model, options.TensorParallel, routing) { OmitRoutedExperts = true } : poolGraph;
        IIterationCostEvaluator dense = options.CostPath == CostPath.Reference
            ? new ReferenceIterationCost(graph, cost)
            : new FastIterationCost(graph, cost, perStep ? null : routing, vectorized: options.CostPath == CostPath.Vectorized);
        if (!perStep)
        {
            return dense;
        }
        var loads = new ExpertRankLoads(routing!, Model, options.ExpertParallel, unchecked(options.Seed * 1_000_003 + instance));
        return new ExpertParallelIterationCost(dense, graph, cost, loads);
    }

    public ModelSpec Model { get; }
    public GpuSpec Gpu { get; }
    public OperatorGraph Graph { get; }
    /// <summary>KV blocks per instance (of the prefill pool when disaggregated).</summary>
    public int KvBlocks { get; }
    /// <summary>KV blocks per decode instance when disaggregated; 0 otherwise.</summary>
    public int DecodeKvBlocks { get; }
    public EnergyModel Energy => _energy;
    public IReadOnlyList<ServingInstance> Instances => _instances;

    /// <summary>Iterations run so far (all instances).</summary>
    public long Iterations => _iterations;

    /// <summary>Replays <paramref name="requests"/> (sorted by arrival) to the end; <paramref name="progress"/> gets
    /// (requests done, simulated ns) every 8192 iterations.</summary>
    public ReplaySummary Run(IEnumerable<RequestRecord> requests, Action<long, long>? progress = null)
    {
        using IEnumerator<RequestRecord> source = requests.GetEnumerator();
        return RunLoop(source, progress);
    }

    /// <summary>
    /// Replays a closed-loop benchmark: its first requests arrive at time 0, and each later one arrives when a
    /// request ends (see <see cref="ClosedLoopSource"/>), so arrivals depend on the simulation itself.
    /// </summary>
    public ReplaySummary Run(ClosedLoopSource closedLoop, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(closedLoop);
        _closedLoop = closedLoop;
        foreach (RequestRecord r in closedLoop.Initial(0))
        {
            Inject(r);
        }
        return RunLoop(null, progress);
    }

    private ReplaySummary RunLoop(IEnumerator<RequestRecord>? source, Action<long, long>? progress)
    {
        RequestRecord pending = default;
        long row = 0;
        if (source is not null && source.MoveNext())
        {
            pending = source.Current;
            Push(pending.ArrivalNs, ArrivalEvent);
            _firstArrivalNs = pending.ArrivalNs;
        }
        while (_events.TryDequeue(out int ev, out EventKey key))
        {
            long now = key.TimeNs;
            _lastEventNs = Math.Max(_lastEventNs, now);
            if (ev == ArrivalEvent)
            {
                RequestRecord current = pending;
                row++;
                if (source!.MoveNext())
                {
                    pending = source.Current;
                    if (pending.ArrivalNs < current.ArrivalNs)
                    {
                        throw new InvalidDataException(FormattableString.Invariant(
                            $"request row {row + 1} (id {pending.Id}) arrives at {pending.ArrivalNs} ns, before row {row} at {current.ArrivalNs} ns: requests must be sorted by arrival"));
                    }
                    Push(pending.ArrivalNs, ArrivalEvent);
                }
                Arrive(current, now);
            }
            else if (ev == InjectedArrivalEvent)
            {
                Arrive(_injected.Dequeue(), now);
            }
            else if (ev >= 0)
            {
                _instances[ev].Complete(now, this);
                if (ev >= _routable)
                {
                    TryReserveKv(_instances[ev], now); // a decode instance freed blocks: transfers waiting for them start
                }
                Start(_instances[ev], now);
                if (progress is not null && (_iterations & 0x1FFF) == 0)
                {
                    progress(_routed, now);
                }
            }
            else if (ev <= KvArrivedEvent)
            {
                KvArrived(KvArrivedEvent - ev, now);
            }
            else if (ev <= KvLinkEvent)
            {
                DrainLink(KvLinkEvent - ev, now);
            }
            else
            {
                ServingInstance inst = _instances[-2 - ev];
                inst.WakePending = false;
                if (!inst.Busy)
                {
                    Start(inst, now);
                }
            }
        }
        return BuildSummary();
    }

    private void Push(long timeNs, int ev) => _events.Enqueue(ev, new EventKey(timeNs, _seq++));

    private void Start(ServingInstance inst, long now)
    {
        IterationRecord? it = inst.TryStart(now, _iterations);
        if (it is { } record)
        {
            _iterations++;
            _summary.AddIteration(record);
            _sink?.OnIteration(record);
            Push(now + record.DurationNs, inst.Index);
        }
    }
}

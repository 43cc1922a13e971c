using TraceReplay.Simulation.Scheduling;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// One data-parallel attention rank of an instance: its own scheduler, waiting and running requests, KV blocks and
/// batch, with the per-rank budgets vLLM and SGLang give each DP rank. An instance without expert parallelism is one rank.
/// </summary>
public sealed class DpRank
{
    /// <param name="vectorizedBatch">False only for the scalar test oracle of the batch passes (<see cref="BatchKernels"/>).</param>
    public DpRank(int instance, ReplayOptions options, RequestTable requests, int kvBlocks, int layers, bool vectorizedBatch = true)
    {
        Scheduler = SchedulerRegistry.Create(options.Scheduler, options);
        Context = new SchedulerContext(requests, new BlockManager(kvBlocks, options.BlockTokens), options, layers, instance, vectorizedBatch)
        {
            Scheduler = Scheduler,
        };
    }

    public IScheduler Scheduler { get; }
    public SchedulerContext Context { get; }
    public IterationPlan Plan { get; } = new();
    public int Outstanding => Context.Waiting.Count + Context.Running.Count;
}

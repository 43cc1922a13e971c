using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>
/// Forms each iteration's batch. One instance per serving instance, so a scheduler may keep state (layered
/// prefill's cohort). To add a scheduler, write one class with <see cref="SchedulerAttribute"/> and a constructor
/// taking <see cref="ReplayOptions"/>; <see cref="SchedulerRegistry"/> finds it by name.
/// </summary>
public interface IScheduler
{
    /// <summary>Fills <paramref name="plan"/> (already reset) from the context's running and waiting requests.</summary>
    void Schedule(SchedulerContext ctx, IterationPlan plan);

    /// <summary>Called after the engine applied an iteration's progress.</summary>
    void OnIterationCompleted(SchedulerContext ctx, IterationPlan plan)
    {
    }

    /// <summary>Called when a request is preempted (freed and re-queued) or finishes.</summary>
    void OnRemoved(int slot)
    {
    }
}

namespace TraceReplay.Simulation.Scheduling;

/// <summary>Registers an <see cref="IScheduler"/> under a CLI name.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SchedulerAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; } = description;

    /// <summary>Admits through <see cref="SchedulerContext.TryAdmitHead"/> from the cached prefix on, so prefix
    /// caching applies (on by default, as in vLLM); false where batches are formed otherwise (static, layered).</summary>
    public bool PrefixCaching { get; set; }
}

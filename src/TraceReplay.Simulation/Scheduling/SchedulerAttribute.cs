namespace TraceReplay.Simulation.Scheduling;

/// <summary>Registers an <see cref="IScheduler"/> under a CLI name.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SchedulerAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; } = description;
}

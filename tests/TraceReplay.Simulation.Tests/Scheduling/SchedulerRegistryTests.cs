using System.Reflection;
using TraceReplay.Simulation.Scheduling;

namespace TraceReplay.Simulation.Tests.Scheduling;

public sealed class SchedulerRegistryTests
{
    [Fact]
    public void Every_attributed_scheduler_class_is_listed_and_nothing_else()
    {
        // The registry lists its schedulers (no assembly scan at run time, so an ahead-of-time compiled CLI keeps them);
        // this scan is what keeps the list complete.
        Type[] attributed = [.. typeof(SchedulerRegistry).Assembly.GetTypes()
            .Where(t => typeof(IScheduler).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<SchedulerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];
        Assert.Equal(attributed, SchedulerRegistry.Types.OrderBy(t => t.FullName, StringComparer.Ordinal));
        Assert.Equal(attributed.Length, SchedulerRegistry.Names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Each_name_creates_its_own_class()
    {
        foreach (Type type in SchedulerRegistry.Types)
        {
            string name = type.GetCustomAttribute<SchedulerAttribute>()!.Name;
            Assert.IsType(type, SchedulerRegistry.Create(name, new TraceReplay.Simulation.Engine.ReplayOptions { Model = "llama-3-8b", Gpu = "h100", Scheduler = name }));
        }
    }
}

using System.Reflection;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>Finds every <see cref="SchedulerAttribute"/> class in this assembly, so adding a scheduler is one file.</summary>
public static class SchedulerRegistry
{
    private static readonly Lazy<IReadOnlyList<(SchedulerAttribute Info, Type Type)>> s_all = new(() =>
        [.. typeof(SchedulerRegistry).Assembly.GetTypes()
            .Where(t => typeof(IScheduler).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (Info: t.GetCustomAttribute<SchedulerAttribute>(), Type: t))
            .Where(x => x.Info is not null)
            .Select(x => (x.Info!, x.Type))
            .OrderBy(x => x.Item1.Name, StringComparer.Ordinal)]);

    public static IReadOnlyList<SchedulerAttribute> All => [.. s_all.Value.Select(x => x.Info)];

    public static IReadOnlyList<string> Names => [.. s_all.Value.Select(x => x.Info.Name)];

    /// <summary>The registration of <paramref name="name"/>; throws for an unknown scheduler.</summary>
    public static SchedulerAttribute Info(string name) =>
        s_all.Value.FirstOrDefault(x => x.Info.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase)).Info
        ?? throw new ArgumentException($"unknown scheduler '{name}'; expected one of {string.Join(", ", Names)}");

    /// <summary>Whether a replay with <paramref name="options"/> caches prefixes: <c>--prefix-caching</c>, else the scheduler's default.</summary>
    public static bool PrefixCaching(ReplayOptions options)
    {
        SchedulerAttribute info = Info(options.Scheduler);
        if (options.PrefixCaching == true && !info.PrefixCaching)
        {
            throw new ArgumentException($"--prefix-caching on: the {info.Name} scheduler does not support prefix caching (vllm, vllm-v1, sarathi and decode-first do)");
        }
        return options.PrefixCaching ?? info.PrefixCaching;
    }

    public static IScheduler Create(string name, ReplayOptions options)
    {
        string key = name.Trim().ToLowerInvariant();
        foreach ((SchedulerAttribute info, Type type) in s_all.Value)
        {
            if (info.Name == key)
            {
                return (IScheduler)Activator.CreateInstance(type, options)!;
            }
        }
        throw new ArgumentException($"unknown scheduler '{name}'; expected one of {string.Join(", ", Names)}");
    }
}

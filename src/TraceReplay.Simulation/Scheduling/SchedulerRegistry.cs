using System.Reflection;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>
/// Every scheduler, each a class carrying its <see cref="SchedulerAttribute"/> (CLI name, description). Listed here
/// rather than found by scanning the assembly, so a trimmed or ahead-of-time compiled CLI still has them all; a test
/// checks that every attributed scheduler class is in the list.
/// </summary>
public static class SchedulerRegistry
{
    private static readonly (Type Type, Func<ReplayOptions, IScheduler> Create)[] s_schedulers =
    [
        (typeof(DecodeFirstScheduler), o => new DecodeFirstScheduler(o)),
        (typeof(LayeredScheduler), o => new LayeredScheduler(o)),
        (typeof(SarathiScheduler), o => new SarathiScheduler(o)),
        (typeof(StaticScheduler), o => new StaticScheduler(o)),
        (typeof(VllmScheduler), o => new VllmScheduler(o)),
        (typeof(VllmV1Scheduler), o => new VllmV1Scheduler(o)),
    ];

    private static readonly Lazy<IReadOnlyList<(SchedulerAttribute Info, Func<ReplayOptions, IScheduler> Create)>> s_all = new(() =>
        [.. s_schedulers
            .Select(s => (Info: s.Type.GetCustomAttribute<SchedulerAttribute>()
                ?? throw new InvalidOperationException($"{s.Type.Name} is listed as a scheduler but has no [Scheduler] attribute"), s.Create))
            .OrderBy(x => x.Info.Name, StringComparer.Ordinal)]);

    /// <summary>The scheduler classes listed, for the test that finds any attributed class missing here.</summary>
    public static IReadOnlyList<Type> Types => [.. s_schedulers.Select(s => s.Type)];

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
        foreach ((SchedulerAttribute info, Func<ReplayOptions, IScheduler> create) in s_all.Value)
        {
            if (info.Name == key)
            {
                return create(options);
            }
        }
        throw new ArgumentException($"unknown scheduler '{name}'; expected one of {string.Join(", ", Names)}");
    }
}

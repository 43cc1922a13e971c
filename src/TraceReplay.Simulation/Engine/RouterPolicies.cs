namespace TraceReplay.Simulation.Engine;

/// <summary>The CLI names of <see cref="RouterPolicy"/>, in one place for replay, sweep and summary.json.</summary>
public static class RouterPolicies
{
    public const string Names = "least-outstanding | round-robin | prefix-aware";

    public static string ToName(RouterPolicy p) => p switch
    {
        RouterPolicy.RoundRobin => "round-robin",
        RouterPolicy.PrefixAware => "prefix-aware",
        _ => "least-outstanding",
    };

    public static RouterPolicy Parse(string text, string flag = "--router") => text.Trim().ToLowerInvariant() switch
    {
        "least-outstanding" => RouterPolicy.LeastOutstanding,
        "round-robin" => RouterPolicy.RoundRobin,
        "prefix-aware" => RouterPolicy.PrefixAware,
        string r => throw new ArgumentException($"{flag} '{r}': expected {Names}"),
    };
}

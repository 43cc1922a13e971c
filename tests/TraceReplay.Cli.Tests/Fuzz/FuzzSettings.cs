using System.Globalization;

namespace TraceReplay.Cli.Tests.Fuzz;

/// <summary>
/// Fuzz run size and seed: <c>FUZZ_CASES</c> cases per format (default <see cref="DefaultCases"/>, what <c>make test</c>
/// runs) and <c>FUZZ_SEED</c> (default <see cref="DefaultSeed"/>); <c>make fuzz</c> sets both and prints the seed.
/// Case i of a format uses seed <c>FUZZ_SEED * 1,000,003 + i</c>, so one failing case reruns alone with FUZZ_CASE=i.
/// </summary>
public static class FuzzSettings
{
    public const int DefaultCases = 200;
    public const int DefaultSeed = 19;

    public static int Cases => Int("FUZZ_CASES") ?? DefaultCases;

    public static int Seed => Int("FUZZ_SEED") ?? DefaultSeed;

    /// <summary>
    /// Run only these formats (<c>FUZZ_FORMATS=azure,kineto</c>): a long run split across sessions or machines. Unset,
    /// every format runs.
    /// </summary>
    public static IReadOnlySet<string>? OnlyFormats =>
        Environment.GetEnvironmentVariable("FUZZ_FORMATS") is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : null;

    /// <summary>
    /// <c>FUZZ_CLI=PATH</c>: run each case as a child process of this executable (e.g. a Native AOT build of the CLI)
    /// instead of in-process, so a published binary gets the same checks. Unset, cases run in-process.
    /// </summary>
    public static string? Cli => Environment.GetEnvironmentVariable("FUZZ_CLI") is { Length: > 0 } path ? path : null;

    /// <summary>Run only this case index (to reproduce a failure).</summary>
    public static int? OnlyCase => Int("FUZZ_CASE");

    /// <summary>Wall-clock bound per case: a hang detector, not a timing assertion.</summary>
    public static TimeSpan CaseBound => TimeSpan.FromSeconds(Int("FUZZ_CASE_BOUND_S") ?? 120);

    public static int CaseSeed(int index) => unchecked(Seed * 1_000_003 + index);

    private static int? Int(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;
}

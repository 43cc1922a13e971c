using Xunit.Abstractions;

namespace TraceReplay.Cli.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of every input format through the real command (issue 19): no unhandled exception, no hang, exit 0
/// or 2 only, balanced row counts on success. <c>make test</c> runs <see cref="FuzzSettings.DefaultCases"/> cases per
/// format; <c>make fuzz FUZZ_CASES=20000</c> runs more with a printed seed (docs/robustness.md).
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class FuzzTests(ITestOutputHelper output)
{
    public static TheoryData<string> Formats() => FuzzTargets.Names();

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_mutation_ends_in_exit_0_or_2_with_balanced_rows(string format)
    {
        FuzzTarget target = FuzzTargets.All.Single(t => t.Name == format);
        var failures = new List<string>();
        int ok = 0, rejected = 0;
        IEnumerable<int> cases = FuzzSettings.OnlyCase is int only ? [only] : Enumerable.Range(0, FuzzSettings.Cases);
        foreach (int i in cases)
        {
            FuzzHarness.Outcome o = FuzzHarness.RunCase(target, i);
            if (o.Failure is not null)
            {
                failures.Add(o.Failure);
            }
            else if (o.ExitCode == 0)
            {
                ok++;
            }
            else
            {
                rejected++;
            }
        }
        string summary = $"fuzz {format}: FUZZ_SEED={FuzzSettings.Seed}, {ok + rejected + failures.Count} cases: {ok} exit 0, {rejected} exit 2 (or 1: compare's regression verdict), {failures.Count} failures";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n", failures.Take(10)));
    }
}

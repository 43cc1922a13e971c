using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Fuzz;

/// <summary>
/// Runs one fuzz case: mutate the sample (seeded), run the command in-process under a wall-clock bound, and check the
/// contract: exit 0 or 2 only, no stack trace, and on success the row accounting balances and the output exists.
/// A failing case's folder is kept and named in the failure so it can be rerun by hand.
/// </summary>
public static partial class FuzzHarness
{
    public sealed record Outcome(int ExitCode, string? Failure);

    [GeneratedRegex(@"rows read ([\d,]+) = rows written ([\d,]+) \+ rows rejected ([\d,]+)")]
    private static partial Regex Counts();

    public static Outcome RunCase(FuzzTarget target, int index)
    {
        int seed = FuzzSettings.CaseSeed(index);
        var random = new Random(seed);
        string dir = Directory.CreateTempSubdirectory($"tracereplay-fuzz-{target.Name}-").FullName;
        string file = Path.Combine(dir, target.FileName);
        byte[] sample = File.ReadAllBytes(target.Sample()); // first: generated samples create their siblings
        foreach ((string from, string name) in target.Siblings ?? [])
        {
            File.Copy(from, Path.Combine(dir, name));
        }
        switch (target.Kind)
        {
            case FuzzKind.Sqlite:
                SqliteMutator.Mutate(target.Sample(), file, random);
                break;
            case FuzzKind.Parquet:
                File.WriteAllBytes(file, BinaryMutator.Parquet(sample, random));
                break;
            case FuzzKind.GzipJson:
                File.WriteAllBytes(file, BinaryMutator.Gzip(sample, random, json: true));
                break;
            default:
                File.WriteAllBytes(file, TextMutator.Mutate(sample, random, target.Kind == FuzzKind.Json));
                break;
        }
        string[] args = target.Args(file, dir, index);
        string? failure = Check(args, Path.GetFileName(file), out int exitCode);
        if (failure is null)
        {
            Directory.Delete(dir, recursive: true);
            return new Outcome(exitCode, null);
        }
        return new Outcome(exitCode, $"{target.Name} case {index} (FUZZ_SEED={FuzzSettings.Seed} FUZZ_CASE={index}, kept in {dir}): " +
            $"tracereplay {string.Join(' ', args)}: {failure}");
    }

    private static string? Check(string[] args, string fileName, out int exitCode)
    {
        exitCode = -1;
        Task<InProcess.Result> run = FuzzSettings.Cli is string cli ? Task.Run(() => ChildProcess(cli, args)) : Task.Run(() => InProcess.Run(args));
        try
        {
            if (!run.Wait(FuzzSettings.CaseBound))
            {
                return $"did not finish within {FuzzSettings.CaseBound.TotalSeconds:F0} s (hang)";
            }
        }
        catch (AggregateException ex)
        {
            return $"exception escaped CliApp.Run: {ex.InnerException}";
        }
        InProcess.Result r = run.Result;
        exitCode = r.ExitCode;
        // compare's contract adds 1: a mutated metric can be a genuine regression.
        if (r.ExitCode is not (0 or 2) && !(r.ExitCode == 1 && args[0] == "compare"))
        {
            return $"exit {r.ExitCode} (expected 0 or 2): {r.StdErr.Trim()}";
        }
        if (r.StdErr.Contains("   at ", StringComparison.Ordinal) || r.StdErr.Contains("internal error", StringComparison.Ordinal))
        {
            return $"stack trace or internal error on stderr: {r.StdErr.Trim()}";
        }
        if (r.ExitCode == 2 && !r.StdErr.Contains("error", StringComparison.OrdinalIgnoreCase))
        {
            return "exit 2 without an error line";
        }
        if (r.ExitCode == 2 && !r.StdErr.Contains(fileName, StringComparison.Ordinal))
        {
            return $"the error does not name the input file {fileName}: {r.StdErr.Trim()}";
        }
        if (r.ExitCode == 0 && Counts().Match(r.StdOut) is { Success: true } m)
        {
            long read = Parse(m.Groups[1].Value), written = Parse(m.Groups[2].Value), rejected = Parse(m.Groups[3].Value);
            if (read != written + rejected)
            {
                return $"row accounting does not balance: {m.Value}";
            }
            string? output = args.SkipWhile(a => a != "-o").Skip(1).FirstOrDefault();
            if (args[0] == "ingest" && output is not null && !File.Exists(output))
            {
                return $"exit 0 but no output {output}";
            }
        }
        return null;
    }

    /// <summary>One case in a child process of <paramref name="cli"/>, killed at the case bound (then reported as a hang).</summary>
    private static InProcess.Result ChildProcess(string cli, string[] args)
    {
        var psi = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["NO_COLOR"] = "1";
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(FuzzSettings.CaseBound))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        return new InProcess.Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static long Parse(string s) => long.Parse(s.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}

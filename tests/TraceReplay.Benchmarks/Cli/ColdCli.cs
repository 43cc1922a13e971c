using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace TraceReplay.Benchmarks.Cli;

/// <summary>
/// One cold run of the published CLI (<c>bin/tracereplay</c>, what <c>make build</c> leaves: Native AOT where it could be
/// built, else ReadyToRun) on issue 15's
/// configuration: the 19,366-request Azure conv trace, CodeLlama-34B, A100, TP 2, sarathi 512, all outputs written.
/// A fresh process per run, so start-up, JIT and every output are in the figure, as a user sees them.
/// </summary>
public static class ColdCli
{
    public const string Trace = "traces/azure-2023/AzureLLMInferenceTrace_conv.csv";

    /// <summary>What one run measured: the process's wall time, its stderr (the phase table when asked) and summary.json's wall_s.</summary>
    public sealed record Run(double ProcessWallMs, string Stderr, double WallS);

    /// <summary>The repository root, found by walking up from the benchmark binary to the folder holding TraceReplay.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TraceReplay.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"TraceReplay.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Runs the CLI once into a fresh temporary folder (removed afterwards); <paramref name="phases"/> sets TRACEREPLAY_PHASES=1.</summary>
    public static Run Once(bool phases)
    {
        string root = RepositoryRoot();
        string cli = Path.Combine(root, "bin", "tracereplay");
        if (!File.Exists(cli))
        {
            throw new FileNotFoundException($"{cli} not found: run `make build` first (the cold-CLI benchmark runs the published CLI)");
        }
        string outDir = Directory.CreateTempSubdirectory("tracereplay-coldcli-").FullName;
        try
        {
            var start = new ProcessStartInfo(cli)
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    "replay", "--requests", Trace, "--model", "codellama-34b", "--gpu", "a100", "--tp", "2",
                    "--scheduler", "sarathi", "--chunk-tokens", "512", "-o", outDir,
                },
            };
            start.Environment["TRACEREPLAY_PHASES"] = phases ? "1" : "0";
            var clock = Stopwatch.StartNew();
            using Process p = Process.Start(start)!;
            Task<string> stderr = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEnd(); // the summary table: drained so the child never blocks on a full pipe
            p.WaitForExit();
            double wallMs = clock.Elapsed.TotalMilliseconds;
            if (p.ExitCode is not 0)
            {
                throw new InvalidOperationException($"tracereplay replay exited {p.ExitCode}: {stderr.Result}");
            }
            using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            return new Run(wallMs, stderr.Result, summary.RootElement.GetProperty("wall_s").GetDouble());
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>
    /// The phase table PhaseClock prints (<c>name  wall-ms  cpu-ms</c>, "-" where a phase has no CPU figure), as
    /// (phase, wall ms, CPU ms or NaN). The header line is skipped; a line that does not parse is an error.
    /// </summary>
    public static List<(string Phase, double WallMs, double CpuMs)> Phases(string stderr)
    {
        var phases = new List<(string, double, double)>();
        bool inTable = false;
        foreach (string line in stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("phase ", StringComparison.Ordinal))
            {
                inTable = true;
                continue;
            }
            if (!inTable)
            {
                continue;
            }
            string[] cols = line.Length > 45 ? line[45..].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            if (cols.Length is < 1 or > 2 || !double.TryParse(cols[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double wall))
            {
                throw new FormatException($"phase table line not understood: '{line}'");
            }
            double cpu = cols.Length == 2 && double.TryParse(cols[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double c) ? c : double.NaN;
            phases.Add((line[..45].TrimEnd(), wall, cpu));
        }
        return phases;
    }
}

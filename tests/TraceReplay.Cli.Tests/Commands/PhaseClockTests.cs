using System.Globalization;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Commands;

public sealed class PhaseClockTests
{
    [Fact]
    public void Phases_are_printed_only_when_asked_and_add_up_to_the_total()
    {
        using var tmp = new TempDir();
        string csv = tmp.Sub("r.csv");
        File.WriteAllLines(csv, ["arrival_s,prompt_tokens,output_tokens", .. Enumerable.Range(0, 30).Select(i => $"{i * 0.2:0.0},{100 + i},{5 + i % 3}")]);
        string[] args = ["replay", "--requests", csv, "--model", "llama-3-8b", "--gpu", "h100", "--scheduler", "sarathi", "-o", tmp.Sub("out")];
        CliRunner.Result quiet = CliRunner.Run(args);
        Assert.Equal(0, quiet.ExitCode);
        Assert.DoesNotContain("wall ms", quiet.StdErr, StringComparison.Ordinal);

        CliRunner.Result timed = CliRunner.RunWith(null, new Dictionary<string, string> { ["TRACEREPLAY_PHASES"] = "1" }, args);
        Assert.True(timed.ExitCode == 0, timed.StdErr);
        string[] lines = timed.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] phases = ["host: process start to Main", "command line:", "input: open", "cost model:", "replay setup:", "input: read and parse",
            "replay: event loop", "outputs: requests.parquet", "outputs: summary.json", "terminal: summary table"];
        foreach (string phase in phases)
        {
            Assert.Contains(lines, l => l.StartsWith(phase, StringComparison.Ordinal));
        }
        double Wall(string line) => double.Parse(line[45..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        int header = Array.FindIndex(lines, l => l.StartsWith("phase", StringComparison.Ordinal));
        string total = lines.Single(l => l.StartsWith("total", StringComparison.Ordinal));
        double[] walls = [.. lines.Skip(header + 1).Where(l => !l.StartsWith("total", StringComparison.Ordinal)).Select(Wall)];
        // Each figure is printed to 0.1 ms, so the sum of the printed phases may differ from the printed total by up to
        // 0.05 ms per figure (comparing rounded integers instead failed at 1556.5 against 1556.6).
        double slack = 0.05 * (walls.Length + 1) + 1e-9;
        Assert.InRange(Wall(total) - walls.Sum(), -slack, slack);
    }
}

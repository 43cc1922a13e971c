using System.Globalization;
using System.Text;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Commands;

/// <summary>The regression gate's exit codes through the real CLI: 0 pass, 1 regression, 2 error.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-compare-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Replay(string name, string gpu)
    {
        string csv = Path.Combine(_dir, "requests.csv");
        if (!File.Exists(csv))
        {
            var sb = new StringBuilder("arrival_s,prompt_tokens,output_tokens\n");
            for (int i = 0; i < 200; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{i * 0.05},{100 + 37 * i % 900},{5 + i % 40}\n");
            }
            File.WriteAllText(csv, sb.ToString());
        }
        string outDir = Path.Combine(_dir, name);
        Assert.Equal(0, CliApp.Run(["replay", "--requests", csv, "--model", "llama-3-8b", "--gpu", gpu, "--scheduler", "sarathi",
            "--slo-ttft-s", "0.5", "--slo-tbt-s", "0.05", "-o", outDir]));
        return outDir;
    }

    [Fact]
    public void Exit_codes_are_0_pass_1_regression_2_error()
    {
        string h100 = Replay("h100", "h100"), again = Replay("h100-again", "h100"), a100 = Replay("a100", "a100");
        string md = Path.Combine(_dir, "compare.md"), xml = Path.Combine(_dir, "compare.xml");

        CliRunner.Result pass = CliRunner.Run("compare", h100, again, "--markdown", md, "--junit", xml);
        Assert.Equal(0, pass.ExitCode);
        Assert.StartsWith("## Replay regression check: PASS", File.ReadAllText(md));
        Assert.Contains("failures=\"0\"", File.ReadAllText(xml));

        CliRunner.Result fail = CliRunner.Run("compare", h100, a100, "--junit", xml);
        Assert.Equal(1, fail.ExitCode);
        Assert.Contains("<failure type=\"regression\"", File.ReadAllText(xml));

        string badPolicy = Path.Combine(_dir, "policy.json");
        File.WriteAllText(badPolicy, """{"metrics": {"ttft_p99_s": {"max_increase_pct": -5}}}""");
        CliRunner.Result bad = CliRunner.Run("compare", h100, again, "--policy", badPolicy);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("metrics.ttft_p99_s.max_increase_pct: expected a finite number >= 0", bad.StdErr);

        CliRunner.Result missing = CliRunner.Run("compare", h100, Path.Combine(_dir, "nope"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such folder", missing.StdErr);
    }

    [Fact]
    public void Exact_lists_what_changed_and_an_unknown_option_is_a_usage_error()
    {
        string h100 = Replay("h100", "h100"), again = Replay("h100-again", "h100"), a100 = Replay("a100", "a100");
        CliRunner.Result same = CliRunner.Run("compare", h100, again, "--exact");
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("identical: no metric changed", same.StdOut);

        CliRunner.Result slower = CliRunner.Run("compare", h100, a100, "--exact");
        Assert.Equal(1, slower.ExitCode);
        Assert.Contains("changed ttft_p99_s: ", slower.StdOut);

        // A usage error is exit 2 for every command, not System.CommandLine's 1.
        Assert.Equal(2, CliRunner.Run("compare", h100, again, "--no-such-option").ExitCode);
        Assert.Equal(2, CliRunner.Run("replay", "--no-such-option").ExitCode);
        Assert.Equal(2, CliRunner.Run("no-such-command").ExitCode);
    }
}

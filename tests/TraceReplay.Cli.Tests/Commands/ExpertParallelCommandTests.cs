using System.Text.Json;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Commands;

/// <summary>--ep, --dp-attention and --routing recorded:FILE through replay, sweep, report and compare, and their usage errors.</summary>
public sealed class ExpertParallelCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-ep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string[] Replay(string output, params string[] extra) =>
        ["replay", "--requests", InProcess.Data("requests/azure_conv.head30.csv"), "--model", "qwen3-30b-a3b", "--gpu", "h100",
            "--scheduler", "sarathi", "--slo-ttft-s", "5", "--slo-tbt-s", "0.125", "-o", output, .. extra];

    [Theory]
    [InlineData("must divide", "--ep", "3", "--dp-attention")]
    [InlineData("needs --dp-attention", "--ep", "4")]
    [InlineData("use --tp 1", "--ep", "4", "--dp-attention", "--tp", "2")]
    [InlineData("--dp-attention needs --ep", "--dp-attention")]
    [InlineData("file not found", "--routing", "recorded:no-such-routing.parquet")]
    public void Bad_layouts_and_files_are_usage_errors(string message, params string[] extra)
    {
        InProcess.Result r = InProcess.Run(Replay(Path.Combine(_dir, "out"), extra));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr); // one line, no stack trace
    }

    [Fact]
    public void An_expert_parallel_replay_goes_through_report_and_compare()
    {
        string ep4 = Path.Combine(_dir, "ep4"), ep8 = Path.Combine(_dir, "ep8");
        Assert.Equal(0, InProcess.Run(Replay(ep4, "--ep", "4", "--dp-attention")).ExitCode);
        Assert.Equal(0, InProcess.Run(Replay(ep8, "--ep", "8", "--dp-attention", "--routing", "zipf:1")).ExitCode);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ep8, "summary.json")));
        Assert.True(doc.RootElement.GetProperty("ep_imbalance_mean").GetDouble() >= 1);
        Assert.Equal(8, doc.RootElement.GetProperty("run").GetProperty("ep").GetInt32());

        string report = Path.Combine(_dir, "report");
        Assert.Equal(0, InProcess.Run("report", ep4, ep8, "-o", report).ExitCode);
        string md = File.ReadAllText(Path.Combine(report, "report.md"));
        Assert.Contains("## Expert parallelism", md);
        Assert.Contains("`ep_imbalance_mean`", md);

        string markdown = Path.Combine(_dir, "compare.md");
        InProcess.Result cmp = InProcess.Run("compare", ep4, ep8, "--exact", "--markdown", markdown);
        Assert.True(cmp.ExitCode is 0 or 1, cmp.ToString());
        Assert.Contains("ep_imbalance_mean", File.ReadAllText(markdown));
    }

    [Fact]
    public void A_sweep_multiplies_the_ep_degrees_in()
    {
        string output = Path.Combine(_dir, "sweep");
        InProcess.Result r = InProcess.Run("sweep", "--requests", InProcess.Data("requests/azure_conv.head30.csv"), "--model", "qwen3-30b-a3b",
            "--gpu", "h100", "--schedulers", "sarathi", "--rates", "2,4", "--ep", "1,4", "--dp-attention", "-j", "1", "-o", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("sarathi chunk=512 ep=4", File.ReadAllText(Path.Combine(output, "sweep.md")));
        int[] eps = [.. DuckDb.Rows($"SELECT ep FROM {DuckDb.Q(Path.Combine(output, "sweep.parquet"))} ORDER BY grid_index").Select(row => Convert.ToInt32(row[0], System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal([1, 1, 4, 4], eps);
    }
}

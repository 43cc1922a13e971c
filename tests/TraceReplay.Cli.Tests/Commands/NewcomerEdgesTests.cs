using System.Text.Json;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Commands;

/// <summary>Issue 16 part 5: sweep takes the replay's serving options; inspect reads the tool's own outputs; overload is reported.</summary>
public sealed class NewcomerEdgesTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private string Requests(int n, double gapS)
    {
        string csv = _tmp.Sub("requests.csv");
        File.WriteAllLines(csv, ["arrival_s,prompt_tokens,output_tokens", .. Enumerable.Range(0, n).Select(i =>
            FormattableString.Invariant($"{i * gapS:0.####},{300 + 17 * (i % 23)},{20 + i % 7}"))]);
        return csv;
    }

    private static string Meta(string parquet, string key) => (string)DuckDb.Scalar(
        $"SELECT decode(value) FROM parquet_kv_metadata({DuckDb.Q(parquet)}) WHERE decode(key) = '{key}'")!;

    [Fact]
    public void Sweep_takes_replay_serving_options_and_records_them_as_plain_values()
    {
        string csv = Requests(60, 0.05);
        string[] sweep = ["sweep", "--requests", csv, "--model", "llama-3-8b", "--gpu", "h100", "--schedulers", "sarathi,vllm-v1", "--rates", "40", "--jobs", "1"];
        CliRunner.Result one = CliRunner.Run([.. sweep, "-o", _tmp.Sub("one")]);
        CliRunner.Result two = CliRunner.Run([.. sweep, "--replicas", "2", "--router", "round-robin", "--max-seqs", "8", "-o", _tmp.Sub("two")]);
        Assert.True(one.ExitCode == 0, one.StdErr);
        Assert.True(two.ExitCode == 0, two.StdErr);
        string file = Path.Combine(_tmp.Sub("two"), "sweep.parquet");
        Assert.Equal("2", Meta(file, "tracereplay.sweep.option.replicas"));
        Assert.Equal("round-robin", Meta(file, "tracereplay.sweep.option.router"));
        Assert.Equal("8", Meta(file, "tracereplay.sweep.option.max-seqs"));
        // Defaults that differ by scheduler are listed per scheduler; the grid text holds no dumped record.
        Assert.Equal("sarathi:256,vllm-v1:1024", Meta(Path.Combine(_tmp.Sub("one"), "sweep.parquet"), "tracereplay.sweep.option.max-seqs"));
        string grid = Meta(file, "tracereplay.sweep.grid");
        Assert.DoesNotContain("ReplayOptions", grid, StringComparison.Ordinal);
        Assert.Contains("replicas=2", grid, StringComparison.Ordinal);
        // The options change the replays: two replicas of 8 sequences serve the burst differently from one of 256.
        Assert.NotEqual(DuckDb.Double($"SELECT sum(ttft_p99_s) FROM {DuckDb.Q(Path.Combine(_tmp.Sub("one"), "sweep.parquet"))}"),
            DuckDb.Double($"SELECT sum(ttft_p99_s) FROM {DuckDb.Q(file)}"));
        CliRunner.Result bad = CliRunner.Run([.. sweep, "--router", "random", "-o", _tmp.Sub("bad")]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--router 'random'", bad.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_reads_replay_and_sweep_outputs_and_report_takes_a_folder_of_runs()
    {
        string csv = Requests(40, 0.1), run = _tmp.Sub("run");
        Assert.Equal(0, CliRunner.Run("replay", "--requests", csv, "--model", "llama-3-8b", "--gpu", "h100", "--scheduler", "sarathi,vllm", "-o", run).ExitCode);
        CliRunner.Result requests = CliRunner.Run("inspect", Path.Combine(run, "sarathi", "requests.parquet"));
        Assert.True(requests.ExitCode == 0, requests.StdErr);
        Assert.Contains("replay requests: 40 (40 completed, 0 rejected)", requests.StdOut, StringComparison.Ordinal);
        Assert.Contains("TTFT (s)", requests.StdOut, StringComparison.Ordinal);
        CliRunner.Result iterations = CliRunner.Run("inspect", Path.Combine(run, "sarathi", "iterations.parquet"));
        Assert.True(iterations.ExitCode == 0, iterations.StdErr);
        Assert.Contains("replay iterations:", iterations.StdOut, StringComparison.Ordinal);
        Assert.Contains("duration (ms)", iterations.StdOut, StringComparison.Ordinal);
        CliRunner.Result summary = CliRunner.Run("inspect", Path.Combine(run, "sarathi", "summary.json"));
        Assert.True(summary.ExitCode == 0, summary.StdErr);
        Assert.Contains("ttft_p99_s", summary.StdOut, StringComparison.Ordinal);
        Assert.Contains("replay summary: sarathi on llama-3-8b", summary.StdOut, StringComparison.Ordinal);
        File.WriteAllText(_tmp.Sub("other.json"), "{\"a\": 1}");
        Assert.Equal(2, CliRunner.Run("inspect", _tmp.Sub("other.json")).ExitCode);

        CliRunner.Result report = CliRunner.Run("report", run);
        Assert.True(report.ExitCode == 0, report.StdErr);
        Assert.Contains("(2 run(s))", report.StdOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "report.md")));

        string sweep = _tmp.Sub("sweep");
        Assert.Equal(0, CliRunner.Run("sweep", "--requests", csv, "--model", "llama-3-8b", "--gpu", "h100", "--schedulers", "sarathi", "--rates", "1.1,2", "--jobs", "1", "-o", sweep).ExitCode);
        CliRunner.Result grid = CliRunner.Run("inspect", Path.Combine(sweep, "sweep.parquet"));
        Assert.True(grid.ExitCode == 0, grid.StdErr);
        Assert.Contains("sweep: 2 grid points, 1 configuration(s)", grid.StdOut, StringComparison.Ordinal);
        Assert.Contains("1.1", grid.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overloaded_replay_says_so_on_stderr_and_in_summary_json()
    {
        string csv = Requests(400, 0.0005), run = _tmp.Sub("over");
        CliRunner.Result r = CliRunner.Run("replay", "--requests", csv, "--model", "llama-3-8b", "--gpu", "h100", "--scheduler", "sarathi", "--max-seqs", "16", "-o", run);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("overloaded", r.StdErr, StringComparison.Ordinal);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "summary.json")));
        Assert.True(doc.RootElement.GetProperty("overloaded").GetBoolean());
        Assert.True(doc.RootElement.GetProperty("queue_growth_requests_per_s").GetDouble() > 0);

        string calm = _tmp.Sub("calm");
        CliRunner.Result ok = CliRunner.Run("replay", "--requests", Requests(40, 1.0), "--model", "llama-3-8b", "--gpu", "h100", "--scheduler", "sarathi", "-o", calm);
        Assert.Equal(0, ok.ExitCode);
        Assert.DoesNotContain("overloaded", ok.StdErr, StringComparison.Ordinal);
    }
}

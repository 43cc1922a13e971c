using System.Text.Json;

namespace TraceReplay.Cli.Tests.Commands;

public sealed class ClosedLoopReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-closed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_closed_loop_benchmark_needs_no_requests_file_and_reports_benchmark_metrics()
    {
        string outDir = Path.Combine(_dir, "bench");
        int rc = CliApp.Run(["replay", "--concurrency", "4", "--isl", "256", "--osl", "32", "--num-requests", "40", "--isl-dist", "uniform:0.25",
            "--model", "llama-3.1-8b", "--gpu", "h200", "--scheduler", "vllm-v1", "--weight-dtype", "fp8", "--seed", "5", "-o", outDir]);
        Assert.Equal(0, rc);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        JsonElement root = doc.RootElement;
        Assert.Equal(40, root.GetProperty("completed").GetInt64());
        foreach (string key in new[] { "tpot_mean_s", "tpot_p99_s", "itl_mean_s", "request_throughput_per_s" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }
        JsonElement run = root.GetProperty("run");
        Assert.Contains("concurrency 4, 40 requests, isl 256 (uniform:0.25), osl 32 (fixed), seed 5", run.GetProperty("workload").GetString());
        Assert.Equal("fp8", run.GetProperty("weight_dtype").GetString());
        Assert.Equal(1024, run.GetProperty("max_seqs").GetInt32()); // vLLM's default on an H200
        Assert.StartsWith("cuda graphs", run.GetProperty("step_overhead").GetString());
    }

    [Theory]
    [InlineData("--requests", "x.csv")]
    [InlineData("--isl-dist", "zipf:1")]
    [InlineData("--weight-dtype", "fp7")]
    public void Conflicting_or_bad_workload_options_exit_2(string flag, string value)
    {
        int rc = CliApp.Run(["replay", "--concurrency", "4", "--isl", "256", "--osl", "32", "--num-requests", "8", flag, value,
            "--model", "llama-3.1-8b", "--gpu", "h200", "--scheduler", "vllm-v1", "-o", Path.Combine(_dir, "x")]);
        Assert.Equal(2, rc);
    }
}

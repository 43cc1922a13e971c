namespace TraceReplay.Cli.Tests.Commands;

/// <summary>
/// The committed calibration/&lt;gpu&gt;/ITERATION_CHECK.md files are what <c>iter-check</c> prints today for the real
/// Kineto traces: a calibration or classifier change that moves them fails here until they are regenerated.
/// </summary>
public sealed class IterationCheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-itercheck-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("h100", "h100-qwen1.5-0.5b-hf/Qwen_Qwen1.5-0.5B-Chat__1016005.json.gz", "qwen.parquet", "qwen1.5-0.5b", "1", "16", "559", "ProfilerStep#6")]
    [InlineData("b200", "b200-vllm-gptoss-tp8/eager_trace.json.gz", "gptoss.parquet", "gpt-oss-120b", "8", "1", "888", "execute_context")]
    public void The_committed_iteration_check_is_what_the_command_writes(string gpu, string trace, string parquetName, string config,
        string tp, string batch, string seq, string nvtx)
    {
        string parquet = Path.Combine(_dir, parquetName);
        Assert.Equal(0, CliApp.Run(["ingest", "kernels", SharedData.Path("kernels/kineto/" + trace), "-o", parquet]));
        string md = Path.Combine(_dir, "ITERATION_CHECK.md");
        string repo = TestRepo.Root;
        Assert.Equal(0, CliApp.Run(["iter-check", "-c", gpu, "--kernels", parquet, "-m", Path.Combine(repo, "calibration", "captures", config, "config.json"),
            "--tp", tp, "--batch", batch, "--seq", seq, "--nvtx", nvtx, "-o", md]));
        Assert.Equal(File.ReadAllText(Path.Combine(repo, "calibration", gpu, "ITERATION_CHECK.md")), File.ReadAllText(md));
    }
}

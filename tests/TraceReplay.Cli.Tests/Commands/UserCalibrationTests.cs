using System.Text.Json;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Commands;

/// <summary>
/// A calibration the user wrote (`calibrate -o my-calibrations/h100`) is taken by <c>--calibration</c> in replay, sweep,
/// predict and iter-check alike; a calibration for another GPU is refused the same way everywhere.
/// </summary>
public sealed class UserCalibrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-usercal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A user folder holding a copy of the shipped H100 calibration (what `calibrate -o` writes).</summary>
    private string UserCalibration()
    {
        string folder = Path.Combine(_dir, "my-calibrations", "h100");
        Directory.CreateDirectory(folder);
        File.Copy(TestRepo.Path("calibration", "h100", "calibration.json"), Path.Combine(folder, "calibration.json"));
        return folder;
    }

    private string Requests()
    {
        string csv = Path.Combine(_dir, "requests.csv");
        File.WriteAllLines(csv, ["arrival_s,prompt_tokens,output_tokens", .. Enumerable.Range(0, 40).Select(i => $"{i * 0.1:0.0},{200 + 13 * i},{8 + i % 5}")]);
        return csv;
    }

    [Fact]
    public void Sweep_takes_a_user_calibration_and_names_it_in_the_grid_hash()
    {
        string cal = UserCalibration(), csv = Requests();
        string[] sweep = ["sweep", "--requests", csv, "--model", "llama-3-8b", "--gpu", "h100", "--schedulers", "sarathi", "--rates", "2,4", "--jobs", "1"];
        CliRunner.Result shipped = CliRunner.Run([.. sweep, "-o", Path.Combine(_dir, "shipped")]);
        CliRunner.Result user = CliRunner.Run([.. sweep, "--calibration", cal, "-o", Path.Combine(_dir, "user")]);
        Assert.Equal(0, shipped.ExitCode);
        Assert.Equal(0, user.ExitCode);
        string grid = (string)DuckDb.Scalar(
            $"SELECT decode(value) FROM parquet_kv_metadata({DuckDb.Q(Path.Combine(_dir, "user", "sweep.parquet"))}) WHERE decode(key) = 'tracereplay.sweep.grid'")!;
        Assert.Contains("calibration sha256", grid, StringComparison.Ordinal);
        // The same calibration content as the shipped one: the same replays.
        Assert.Equal(DuckDb.Double($"SELECT sum(ttft_p99_s) FROM {DuckDb.Q(Path.Combine(_dir, "shipped", "sweep.parquet"))}"),
            DuckDb.Double($"SELECT sum(ttft_p99_s) FROM {DuckDb.Q(Path.Combine(_dir, "user", "sweep.parquet"))}"));

        CliRunner.Result wrongGpu = CliRunner.Run("sweep", "--requests", csv, "--model", "llama-3-8b", "--gpu", "a100", "--schedulers", "sarathi", "--rates", "2",
            "--calibration", cal, "-o", Path.Combine(_dir, "bad"));
        Assert.Equal(2, wrongGpu.ExitCode);
        Assert.Contains("is for GPU 'h100', not 'a100'", wrongGpu.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_predict_and_iter_check_take_the_same_user_folder()
    {
        string cal = UserCalibration(), csv = Requests();
        Assert.Equal(0, CliRunner.Run("replay", "--requests", csv, "--model", "llama-3-8b", "--gpu", "h100", "--scheduler", "sarathi", "--calibration", cal, "-o", Path.Combine(_dir, "r")).ExitCode);

        string ops = Path.Combine(_dir, "ops.csv");
        File.WriteAllText(ops, "op_kind,flops,hbm_bytes\nmlp_down,1.2e12,3e8\n");
        Assert.Equal(0, CliRunner.Run("predict", "--calibration", cal, "--ops", ops, "-o", Path.Combine(_dir, "ops.pred.csv")).ExitCode);
        Assert.Equal(0, CliRunner.Run("predict", "--calibration", Path.Combine(cal, "calibration.json"), "--ops", ops, "-o", Path.Combine(_dir, "ops2.pred.csv")).ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "ops.pred.csv")), File.ReadAllText(Path.Combine(_dir, "ops2.pred.csv")));

        string parquet = Path.Combine(_dir, "qwen.parquet");
        Assert.Equal(0, CliRunner.Run("ingest", "kernels", SharedData.Path("kernels/kineto/h100-qwen1.5-0.5b-hf/Qwen_Qwen1.5-0.5B-Chat__1016005.json.gz"), "-o", parquet).ExitCode);
        string config = TestRepo.Path("calibration", "captures", "qwen1.5-0.5b", "config.json");
        CliRunner.Result check = CliRunner.Run("iter-check", "--calibration", cal, "--kernels", parquet, "-m", config, "--batch", "16", "--seq", "559",
            "--nvtx", "ProfilerStep#6", "-o", Path.Combine(_dir, "check.md"));
        Assert.Equal(0, check.ExitCode);

        // An NVTX range that matches nothing is an error naming the ranges the trace has.
        CliRunner.Result none = CliRunner.Run("iter-check", "--calibration", cal, "--kernels", parquet, "-m", config, "--batch", "16", "--seq", "559",
            "--nvtx", "NoSuchRange", "-o", Path.Combine(_dir, "none.md"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--nvtx 'NoSuchRange' matches no kernel's annotation path; outermost ranges found: ", none.StdErr, StringComparison.Ordinal);
        Assert.Contains("ProfilerStep#6", none.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "none.md")));
    }

    [Fact]
    public void Gpus_json_keys_are_snake_case_like_every_other_json_output()
    {
        CliRunner.Result r = CliRunner.Run("gpus", "--json");
        Assert.Equal(0, r.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        JsonElement h100 = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("short_name").GetString() == "h100");
        Assert.True(h100.GetProperty("hbm_bytes_per_s").GetDouble() > 3e12);
        foreach (JsonElement gpu in doc.RootElement.EnumerateArray())
        {
            Assert.All(gpu.EnumerateObject(), p => Assert.Matches("^[a-z0-9]+(_[a-z0-9]+)*$", p.Name));
        }
    }
}

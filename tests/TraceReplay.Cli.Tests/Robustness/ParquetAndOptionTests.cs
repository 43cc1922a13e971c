using System.Buffers.Binary;
using TraceReplay.Cli.Tests.Infrastructure;
using TraceReplay.Ingest.Kernels;

namespace TraceReplay.Cli.Tests.Robustness;

/// <summary>Issue 19: damaged Parquet, bad option values and out-of-range times are clean errors before anything is written.</summary>
public sealed class ParquetAndOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-pq-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string GoodParquet()
    {
        string path = Path.Combine(_dir, "good.parquet");
        Assert.Equal(0, InProcess.Run("ingest", "requests", InProcess.Data("requests/azure_conv.head30.csv"), "-o", path).ExitCode);
        return path;
    }

    /// <summary>Keeps the magic at both ends; replaces the footer bytes with garbage, or sets an impossible footer length.</summary>
    private string Damaged(string how)
    {
        byte[] bytes = File.ReadAllBytes(GoodParquet());
        int footer = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        switch (how)
        {
            case "garbage":
                new Random(7).NextBytes(bytes.AsSpan(bytes.Length - 8 - footer, footer));
                break;
            case "huge":
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), int.MaxValue);
                break;
            case "zeros":
                bytes.AsSpan(bytes.Length - 8 - footer, footer).Clear();
                break;
        }
        string path = Path.Combine(_dir, how + ".parquet");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("huge")]
    [InlineData("zeros")]
    public void Inspect_and_replay_report_a_damaged_footer_as_an_input_error(string how)
    {
        string path = Damaged(how);
        InProcess.Result inspect = InProcess.Run("inspect", path);
        Assert.Equal(2, inspect.ExitCode);
        Assert.Contains(Path.GetFileName(path), inspect.StdErr);
        InProcess.Result replay = InProcess.Run("replay", "--requests", path, "--model", "qwen3-30b-a3b", "--gpu", "h100", "--scheduler", "sarathi", "-o", Path.Combine(_dir, "run"));
        Assert.Equal(2, replay.ExitCode);
        Assert.DoesNotContain("   at ", replay.StdErr);
        InProcess.Result merge = InProcess.Run("merge", path, "-o", Path.Combine(_dir, "merged"));
        Assert.Equal(2, merge.ExitCode);
    }

    [Theory]
    [InlineData("--pj-per-flop", "-1")]
    [InlineData("--hbm-pj-per-byte", "-1")]
    [InlineData("--static-power-w", "-5")]
    [InlineData("--rate", "1e-320")]
    [InlineData("--slo-ttft-s", "NaN")]
    [InlineData("--slo-tbt-s", "NaN")]
    [InlineData("--pj-per-flop", "NaN")]
    [InlineData("--activation-reserve-gib", "-1")]
    public void Replay_rejects_bad_option_values_before_writing_anything(string option, string value)
    {
        string outDir = Path.Combine(_dir, "run");
        InProcess.Result r = InProcess.Run("replay", "--requests", InProcess.Data("requests/azure_conv.head30.csv"), "--model", "qwen3-30b-a3b",
            "--gpu", "h100", "--scheduler", "sarathi", option, value, "-o", outDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.StdErr);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any());
    }

    [Theory]
    [InlineData("--duration-s", "NaN")]
    [InlineData("--duration-s", "-1")]
    [InlineData("--rate", "1e-320")]
    public void Ingest_rejects_bad_option_values(string option, string value)
    {
        string output = Path.Combine(_dir, "r.parquet");
        string[] rate = option == "--rate" ? [] : ["--rate", "1"];
        InProcess.Result r = InProcess.Run(["ingest", "requests", InProcess.Data("requests/sharegpt_lengths.head30.csv"), option, value, .. rate, "-o", output]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.StdErr);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("mooncake.jsonl", """{"timestamp": 0, "input_length": 5, "output_length": 5}""" + "\n" + """{"timestamp": 18000000000000, "input_length": 5, "output_length": 5}""", 2)]
    [InlineData("azure.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2300-11-16 18:15:46.6805900,374,44\n", 3)]
    [InlineData("plain.csv", "request_id,arrival_s,prompt_tokens,output_tokens\n0,0,5,5\n1,1e13,5,5\n", 3)]
    public void Times_beyond_the_int64_nanosecond_range_are_errors_not_wraps(string name, string content, int line)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        InProcess.Result r = InProcess.Run("ingest", "requests", path, "-o", Path.Combine(_dir, "r.parquet"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($":{line}:", r.StdErr);
        Assert.Contains("int64-nanosecond range", r.StdErr);
    }

    /// <summary>
    /// `make fuzz` (seed 20261203, kernels-parquet cases 1730, 4641, 18297): launch counts that each fit in int64 but
    /// whose sum per kernel name does not crashed `inspect` with an overflow; a negative count or duration, or an end
    /// past int64 ns, is a value no ingest writes.
    /// </summary>
    [Theory]
    [InlineData(long.MaxValue, 10L, 5L, 0)]
    [InlineData(-3L, 10L, 5L, 2)]
    [InlineData(1L, -10L, 5L, 2)]
    [InlineData(1L, 10L, long.MaxValue - 5, 2)]
    public async Task Inspect_of_kernel_rows_with_extreme_counts_or_times_exits_0_or_names_the_field(long instances, long durNs, long startNs, int exit)
    {
        string path = Path.Combine(_dir, "kernels.parquet");
        KernelRecord Row(long? count) => new() { Source = "t.csv", Kind = "aggregate", NameFull = "gemm", NameShort = "gemm", DurNs = durNs, StartNs = startNs, Instances = count };
        await KernelParquetWriter.WriteAsync(path, [Row(instances), Row(instances), Row(null)], new Dictionary<string, string>());
        InProcess.Result r = InProcess.Run("inspect", path);
        Assert.Equal(exit, r.ExitCode);
        Assert.DoesNotContain("internal error", r.StdErr);
        if (exit == 2)
        {
            Assert.Contains($"{path}:1:", r.StdErr);
        }
    }
}

using System.IO.Compression;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Robustness;

/// <summary>Issue 19: wrong JSON types in Kineto traces, ServeGen lengths, model and GPU files are clean errors.</summary>
public sealed class JsonInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-json-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("""[1, {"cat": "kernel", "name": "k", "ts": 1, "dur": 2}]""", "expected an event object")]
    [InlineData("""[{"cat": "kernel", "name": 5, "ts": 1, "dur": 2}]""", "expected a string kernel name")]
    [InlineData("""[{"cat": 5, "name": "k", "ts": 1, "dur": 2}, {"cat": "kernel", "name": "k", "ts": 1, "dur": 2, "args": 7}]""", null)]
    [InlineData("""[{"cat": "kernel", "name": "k", "ts": 1e300, "dur": 2}]""", "int64-ns range")]
    [InlineData("""[{"cat": "kernel", "name": "k", "ts": 1, "dur": 2, "args": {"device": 1e12}}]""", "expected an integer within its type's range")]
    public void Kineto_wrong_types_are_rejected_rows_not_crashes(string events, string? reason)
    {
        string path = File("t.json", $$"""{"traceEvents": {{events}}}""");
        InProcess.Result r = InProcess.Run("ingest", "kernels", path, "--format", "kineto", "-o", Path.Combine(_dir, "k.parquet"));
        if (reason is null)
        {
            Assert.True(r.ExitCode == 0, r.ToString());
            return;
        }
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(reason, r.StdErr);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"0": 5}""")]
    [InlineData("""{"0": {"input_tokens": "{1e300: 1}", "output_tokens": "{4: 1}"}}""")]
    public void ServeGen_bad_lengths_files_are_clean_errors(string dataset)
    {
        File("chunk-1-dataset.json", dataset);
        string trace = File("chunk-1-trace.csv", "0,1,1,Gamma,1,1\n");
        InProcess.Result r = InProcess.Run("ingest", "requests", trace, "--format", "servegen", "-o", Path.Combine(_dir, "r.parquet"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("chunk-1-dataset.json", r.StdErr);
    }

    [Theory]
    [InlineData("0,5,1,Gamma,1e-300,1e-300")]
    [InlineData("0,5,1,Weibull,1e-300,1")]
    [InlineData("0,5,1,Gamma,0.5,1e-12")]
    public void ServeGen_parameters_that_would_loop_are_rejected_even_with_a_duration(string window)
    {
        System.IO.File.Copy(InProcess.Data("requests/servegen/chunk-61-dataset.json"), Path.Combine(_dir, "chunk-2-dataset.json"));
        string trace = File("chunk-2-trace.csv", window + "\n");
        InProcess.Result r = InProcess.Run("ingest", "requests", trace, "--format", "servegen", "--duration-s", "60", "-o", Path.Combine(_dir, "r.parquet"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("shape/scale", r.StdErr);
    }

    [Theory]
    [InlineData("[]", "empty array")]
    [InlineData("5", "expected a GPU object")]
    [InlineData("""{"name": "x", "short_name": "x", "peak_bf16_flops_per_s": 1e15, "hbm_bytes_per_s": 0, "hbm_capacity_bytes": 8e10, "tdp_w": 700, "sm_count": 132, "interconnect_bytes_per_s": 4.5e11, "static_power_w": 100, "hbm_pj_per_byte": 5, "pj_per_flop": 0.5}""", "field 'hbm_bytes_per_s'")]
    public void Bad_gpu_files_name_the_file_and_field(string json, string expected)
    {
        string gpu = File("gpu.json", json);
        InProcess.Result r = InProcess.Run("analyze", "intensity", "--model", "qwen3-30b-a3b", "--gpu", gpu, "--batch", "1", "--context", "16");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("gpu.json", r.StdErr);
        Assert.Contains(expected, r.StdErr);
    }

    [Theory]
    [InlineData("num_attention_heads", "0")]
    [InlineData("num_hidden_layers", "2147483647")]
    [InlineData("hidden_size", "-4")]
    [InlineData("num_hidden_layers", "\"many\"")]
    public void Bad_model_files_name_the_file_and_field(string field, string value)
    {
        string json = System.IO.File.ReadAllText(InProcess.Data("models/llama-3-8b.json"));
        json = System.Text.RegularExpressions.Regex.Replace(json, $"\"{field}\"\\s*:\\s*[^,}}]+", $"\"{field}\": {value}");
        string model = File("config.json", json);
        InProcess.Result r = InProcess.Run("analyze", "intensity", "--model", model, "--gpu", "h100", "--batch", "1", "--context", "16");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config.json", r.StdErr);
        Assert.Contains(field, r.StdErr);
    }

    [Fact]
    public void A_two_member_gzip_is_read_whole()
    {
        string[] lines = System.IO.File.ReadAllLines(InProcess.Data("requests/azure_conv.head30.csv"));
        string path = Path.Combine(_dir, "two.csv.gz");
        using (FileStream f = System.IO.File.Create(path))
        {
            foreach (string part in new[] { string.Join('\n', lines[..11]) + "\n", string.Join('\n', lines[11..]) + "\n" })
            {
                using var gz = new GZipStream(f, CompressionLevel.Optimal, leaveOpen: true);
                gz.Write(System.Text.Encoding.UTF8.GetBytes(part));
            }
        }
        InProcess.Result r = InProcess.Run("ingest", "requests", path, "-o", Path.Combine(_dir, "r.parquet"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("rows read 30 = rows written 30 + rows rejected 0", r.StdOut);
    }

    [Fact]
    public void A_truncated_gzip_is_still_an_error()
    {
        string path = Path.Combine(_dir, "t.csv.gz");
        string head = System.IO.File.ReadAllText(InProcess.Data("requests/azure_conv.head30.csv"));
        byte[] csv = System.Text.Encoding.UTF8.GetBytes(head + string.Concat(Enumerable.Repeat(head[(head.IndexOf('\n', StringComparison.Ordinal) + 1)..], 200)));
        using (var ms = new MemoryStream())
        {
            using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
            {
                gz.Write(csv);
            }
            System.IO.File.WriteAllBytes(path, ms.ToArray()[..(int)(ms.Length / 2)]);
        }
        // The repeated rows go back in time: skip them, so only the truncation can stop the run.
        InProcess.Result r = InProcess.Run("ingest", "requests", path, "--max-errors", "1000000", "-o", Path.Combine(_dir, "r.parquet"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("truncated gzip", r.StdErr);
    }
}

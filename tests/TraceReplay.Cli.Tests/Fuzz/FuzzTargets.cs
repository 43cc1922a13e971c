using System.Globalization;
using System.Text;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Fuzz;

/// <summary>Every input format the CLI reads, each with a committed (or generated) sample and the command that reads it.</summary>
public static class FuzzTargets
{
    private static readonly Lazy<string> s_work = new(() => Directory.CreateTempSubdirectory("tracereplay-fuzz-samples-").FullName);

    public static readonly IReadOnlyList<FuzzTarget> All =
    [
        Requests("azure", () => InProcess.Data("requests/azure_conv.head30.csv"), "azure.csv"),
        Requests("burstgpt", () => InProcess.Data("requests/burstgpt_1.head30.csv"), "burst.csv"),
        Requests("mooncake", () => InProcess.Data("requests/mooncake.head30.jsonl"), "trace.jsonl", FuzzKind.Json),
        Requests("lengths", () => InProcess.Data("requests/sharegpt_lengths.head30.csv"), "lengths.csv", extra: ["--rate", "3", "--seed", "1"]),
        Requests("vidur", () => Generated("vidur.csv", Vidur), "vidur.csv"),
        Requests("csv", () => Generated("plain.csv", Plain), "plain.csv"),
        new("servegen-trace", () => InProcess.Data("requests/servegen/chunk-61-trace.csv"), FuzzKind.Text, "chunk-61-trace.csv",
            (f, d, _) => ["ingest", "requests", f, "--format", "servegen", "--duration-s", "2", "--max-errors", "5", "-o", Path.Combine(d, "out.parquet")],
            [(InProcess.Data("requests/servegen/chunk-61-dataset.json"), "chunk-61-dataset.json")]),
        new("servegen-lengths", () => InProcess.Data("requests/servegen/chunk-61-dataset.json"), FuzzKind.Json, "chunk-61-dataset.json",
            (_, d, _) => ["ingest", "requests", Path.Combine(d, "chunk-61-trace.csv"), "--format", "servegen", "--duration-s", "2", "-o", Path.Combine(d, "out.parquet")],
            [(InProcess.Data("requests/servegen/chunk-61-trace.csv"), "chunk-61-trace.csv")]),
        Kernels("nsys-sqlite", () => InProcess.Data("kernels/h100x2_fastvideo.excerpt.sqlite"), "run.sqlite", FuzzKind.Sqlite),
        Kernels("nsys-gputrace", () => InProcess.Data("kernels/nsys_gputrace.DERIVED.head30.csv"), "gputrace.csv", FuzzKind.Text),
        Kernels("nsys-kernsum", () => InProcess.Data("kernels/nsys_kernsum_decode.csv"), "kernsum.csv", FuzzKind.Text),
        Kernels("ncu", () => InProcess.Data("kernels/ncu_kernel_0001.details.csv"), "ncu.csv", FuzzKind.Text),
        Kernels("kernel-stats", () => InProcess.Data("kernels/kernel_stats.DERIVED.head30.csv"), "kernels.csv", FuzzKind.Text),
        Kernels("kineto", () => InProcess.Data("kernels/kineto_h100_qwen.excerpt.json.gz"), "trace.json.gz", FuzzKind.GzipJson),
        new("model-json", () => InProcess.Data("models/llama-3-8b.json"), FuzzKind.Json, "config.json",
            (f, _, _) => ["analyze", "intensity", "--model", f, "--gpu", "h100", "--batch", "4", "--context", "256"]),
        new("gpu-json", () => InProcess.Data("models/gpu-h100.json"), FuzzKind.Json, "gpu.json",
            (f, _, _) => ["analyze", "intensity", "--model", "llama-3-8b", "--gpu", f, "--batch", "4", "--context", "256"]),
        new("calibration-json", () => InProcess.Data("models/calibration-h100.json"), FuzzKind.Json, "calibration.json",
            (f, d, _) => ["predict", "--calibration", f, "--ops", Ops(d), "-o", Path.Combine(d, "pred.csv")]),
        new("requests-parquet", () => Ingested("requests.parquet", "requests", "requests/azure_conv.head30.csv"), FuzzKind.Parquet, "requests.parquet",
            (f, d, i) => (i % 6) switch
            {
                0 => ["replay", "--requests", f, "--model", "llama-3-8b", "--gpu", "h100", "--scheduler", "sarathi", "--cost-model", "roofline", "-o", Path.Combine(d, "run")],
                1 => ["merge", f, "-o", Path.Combine(d, "merged")],
                _ => ["inspect", f],
            }),
        new("run-summary-json", () => Path.Combine(Run(), "summary.json"), FuzzKind.Json, "summary.json",
            (_, d, _) => ["compare", Run(), d], RunSiblings("requests.parquet", "iterations.parquet")),
        new("run-requests-parquet", () => Path.Combine(Run(), "requests.parquet"), FuzzKind.Parquet, "requests.parquet",
            (_, d, _) => ["compare", Run(), d], RunSiblings("summary.json", "iterations.parquet")),
        new("kernels-parquet", () => Ingested("kernels.parquet", "kernels", "kernels/nsys_kernsum_decode.csv"), FuzzKind.Parquet, "kernels.parquet",
            (f, _, _) => ["inspect", f]),
        KernelDb("kernel-db-gemm-parquet", "gemm_perf.parquet", FuzzKind.Parquet),
        KernelDb("kernel-db-moe-parquet", "moe_perf.parquet", FuzzKind.Parquet),
        KernelDb("kernel-db-allreduce-csv", "custom_allreduce_perf.csv", FuzzKind.Text),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        IReadOnlySet<string>? only = FuzzSettings.OnlyFormats;
        if (only is not null && only.FirstOrDefault(n => All.All(t => t.Name != n)) is string unknown)
        {
            throw new ArgumentException($"FUZZ_FORMATS names '{unknown}', not a fuzz format; formats: {string.Join(", ", All.Select(t => t.Name))}");
        }
        foreach (FuzzTarget t in All.Where(t => only is null || only.Contains(t.Name)))
        {
            data.Add(t.Name);
        }
        return data;
    }

    private static FuzzTarget Requests(string format, Func<string> sample, string file, FuzzKind kind = FuzzKind.Text, string[]? extra = null) =>
        new(format, sample, kind, file, (f, d, i) =>
            [.. new[] { "ingest", "requests", f, "--max-errors", (i % 3 == 0 ? 0 : 1000).ToString(CultureInfo.InvariantCulture), "-o", Path.Combine(d, "out.parquet") },
             .. i % 2 == 0 ? new[] { "--format", format } : [], .. extra ?? []]);

    private static FuzzTarget Kernels(string format, Func<string> sample, string file, FuzzKind kind) =>
        new(format, sample, kind, file, (f, d, i) =>
            [.. new[] { "ingest", "kernels", f, "--max-errors", (i % 3 == 0 ? 0 : 1000).ToString(CultureInfo.InvariantCulture), "-o", Path.Combine(d, "out.parquet") },
             .. i % 2 == 0 ? new[] { "--format", format } : []]);

    /// <summary>A measured-kernel table (AIConfigurator cut under tests/data), read by <c>predict</c> through KernelTable.</summary>
    private static FuzzTarget KernelDb(string name, string file, FuzzKind kind) =>
        new(name, () => InProcess.Data($"profiles/aiconfigurator/h100_sxm/{file}"), kind, file,
            (f, d, _) => ["predict", "--calibration", "h100", "--ops", f, "-o", Path.Combine(d, "pred.csv")]);

    /// <summary>A replay output folder (the tool's own summary.json and Parquet), made once; compare reads it as baseline.</summary>
    private static string Run()
    {
        string dir = Path.Combine(s_work.Value, "run");
        lock (s_work)
        {
            if (!File.Exists(Path.Combine(dir, "summary.json")))
            {
                InProcess.Result r = InProcess.Run("replay", "--requests", InProcess.Data("requests/azure_conv.head30.csv"), "--model", "llama-3-8b",
                    "--gpu", "h100", "--scheduler", "sarathi", "--cost-model", "roofline", "--slo-ttft-s", "2", "--slo-tbt-s", "0.2", "-o", dir);
                Assert.True(r.ExitCode == 0, r.ToString());
            }
        }
        return dir;
    }

    private static IReadOnlyList<(string From, string Name)> RunSiblings(params string[] names) =>
        [.. names.Select(n => (Path.Combine(Path.Combine(s_work.Value, "run"), n), n))];

    private static string Ops(string dir)
    {
        string path = Path.Combine(dir, "ops.csv");
        File.WriteAllText(path, "op_kind,flops,hbm_bytes\nmlp_up_gate,1e9,1e6\nattention_decode,2e8,4e7\n");
        return path;
    }

    private static string Vidur()
    {
        var sb = new StringBuilder("arrived_at,num_prefill_tokens,num_decode_tokens\n");
        for (int i = 0; i < 30; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{i * 0.37:F3},{100 + 13 * i},{10 + i}\n");
        }
        return sb.ToString();
    }

    private static string Plain()
    {
        var sb = new StringBuilder("request_id,arrival_s,prompt_tokens,output_tokens\n");
        for (int i = 0; i < 30; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{i},{i * 0.25:F2},{50 + 7 * i},{5 + i % 9}\n");
        }
        return sb.ToString();
    }

    private static string Generated(string name, Func<string> content)
    {
        string path = Path.Combine(s_work.Value, name);
        lock (s_work)
        {
            if (!File.Exists(path))
            {
                File.WriteAllText(path, content());
            }
        }
        return path;
    }

    /// <summary>The tool's own Parquet output, made once from a committed sample.</summary>
    private static string Ingested(string name, string what, string sample)
    {
        string path = Path.Combine(s_work.Value, name);
        lock (s_work)
        {
            if (!File.Exists(path))
            {
                InProcess.Result r = InProcess.Run("ingest", what, InProcess.Data(sample), "-o", path);
                Assert.True(r.ExitCode == 0, r.ToString());
            }
        }
        return path;
    }
}

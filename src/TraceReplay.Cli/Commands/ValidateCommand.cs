using System.Collections.Concurrent;
using System.CommandLine;
using System.Security.Cryptography;
using Spectre.Console;
using TraceReplay.Cli.Replay;
using TraceReplay.Cli.Validation;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay validate</c>: replay measured benchmark points and report the prediction error.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var measured = new Option<string>("--measured") { Description = "Measured points: AIConfigurator silicon CSV (model_path, system, isl, osl, batch_size, tp_size, ..., silicon_ttft_ms, silicon_tpot_ms), or vLLM bench serve --save-result JSON (a file or a folder of them; give --model, --gpu, --tp)", Required = true };
        var models = new Option<string?>("--models") { Description = "Folder of Hugging Face snapshots, DIR/<org>/<name>/config.json, tried before the catalogue" };
        var model = new Option<string?>("--model", "-m") { Description = "vLLM JSON input: the model the runs served (Hugging Face id)" };
        var gpu = new Option<string?>("--gpu", "-g") { Description = "vLLM JSON input: the GPU (h200_sxm, b200_sxm, h100_sxm, a100_sxm)" };
        var tp = new Option<int>("--tp") { Description = "vLLM JSON input: tensor-parallel degree", DefaultValueFactory = _ => 1 };
        var perClient = new Option<int>("--requests-per-client") { Description = "Requests per client when the input does not record the count (K = this x concurrency)", DefaultValueFactory = _ => 10 };
        var costModel = new Option<string>("--cost-model") { Description = "Cost model, as replay's --cost-model", DefaultValueFactory = _ => "calibrated" };
        var scheduler = new Option<string>("--scheduler") { Description = "Scheduler the points are replayed with (vLLM's default budgets for the GPU apply whichever it is)", DefaultValueFactory = _ => "vllm-v1" };
        var eager = new Option<bool>("--enforce-eager") { Description = "Model every step eager (vLLM --enforce-eager) instead of CUDA-graph decode" };
        var seed = new Option<int>("--seed") { Description = "Seed of the replays", DefaultValueFactory = _ => 0 };
        var markdown = new Option<string?>("--markdown") { Description = "Write the report page here instead of OUT/validation.md (plot links made relative to it); `make accuracy` writes docs/accuracy.md" };
        var output = new Option<string>("--output", "-o") { Description = "Output folder: validation.csv, validation.md, plots/", Required = true };
        return CommandBuilder.Create("validate",
            "Replay measured benchmark points and report the error of the predicted mean TTFT and TPOT. Each point runs as its " +
            "closed-loop benchmark on the vllm-v1 scheduler with vLLM's default budgets for the GPU. Writes OUT/validation.csv " +
            "(every input column + pred_ttft_ms, pred_tpot_ms, pred_note), OUT/validation.md (MAPE, median/p90 absolute error, " +
            "bias by GPU and model; rows not expressed are counted), OUT/plots/.",
            [
                "tracereplay validate --measured benchmarks/aiconfigurator-silicon/vllm_agg_h200_b200.csv -o out/validate",
                "tracereplay validate --measured results/ --model meta-llama/Llama-3.1-8B --gpu h200_sxm --tp 1 -o out/validate-mine",
            ],
            [measured, models, model, gpu, tp, perClient, costModel, scheduler, eager, seed, markdown, output],
            parse =>
            {
                try
                {
                    var settings = new ValidationSettings
                    {
                        ModelsDir = parse.GetValue(models),
                        RequestsPerClient = parse.GetValue(perClient) is > 0 and int k ? k : throw new ArgumentException("--requests-per-client must be a positive integer"),
                        EnforceEager = parse.GetValue(eager),
                        Scheduler = SchedulerName(parse.GetValue(scheduler)!),
                        Seed = parse.GetValue(seed),
                    };
                    VllmBenchJsonReader.Deployment? deployment = parse.GetValue(model) is { } m && parse.GetValue(gpu) is { } g
                        ? new VllmBenchJsonReader.Deployment(m, g, parse.GetValue(tp))
                        : null;
                    return Execute(parse.GetValue(measured)!, deployment, settings, parse.GetValue(costModel)!, parse.GetValue(output)!, parse.GetValue(markdown));
                }
                catch (Exception ex) when (ex is InvalidDataException or KeyNotFoundException or FormatException or ArgumentException or IOException)
                {
                    Console.Error.WriteLine($"error: {ex.Message}");
                    return 2;
                }
            });
    }

    private static string SchedulerName(string name)
    {
        string key = name.Trim().ToLowerInvariant();
        return Simulation.Scheduling.SchedulerRegistry.Names.Contains(key)
            ? key
            : throw new ArgumentException($"--scheduler '{name}': expected one of {string.Join(", ", Simulation.Scheduling.SchedulerRegistry.Names)}");
    }

    private static int Execute(string measuredPath, VllmBenchJsonReader.Deployment? deployment, ValidationSettings settings, string costModel, string outDir, string? markdown)
    {
        MeasuredFile input = MeasuredFile.Read(measuredPath, deployment);
        _ = CostModels.Resolve(costModel, GpuCatalog.Resolve("h200")); // a bad --cost-model fails before any work
        var mapper = new DeploymentMapper(settings);
        ValidationCase[] cases = [.. input.Points.Select(mapper.Map)];
        var costs = new ConcurrentDictionary<string, ICostModel>(StringComparer.Ordinal);
        ValidationRow[] results = [];
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask($"validate: {cases.Count(c => c.Expressible)} of {cases.Length} rows to replay", maxValue: cases.Length);
                results = ValidationRunner.Run(cases, o => costs.GetOrAdd(o.Gpu, g => CostModels.Resolve(costModel, GpuCatalog.Resolve(g))), () => task.Increment(1));
            });
        Directory.CreateDirectory(outDir);
        ValidationCsvWriter.Write(Path.Combine(outDir, ValidationCsvWriter.FileName), input, results);
        ValidationReport.Write(outDir, markdown, Header(measuredPath, input, settings, costModel, costs), results);
        Summarize(results, outDir, markdown ?? Path.Combine(outDir, ValidationReport.FileName));
        return 0;
    }

    private static string Header(string path, MeasuredFile input, ValidationSettings s, string costModel, IReadOnlyDictionary<string, ICostModel> costs)
    {
        string sha = File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))[..12] : "(folder)";
        string models = string.Join("; ", costs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value.Provenance}"));
        return FormattableString.Invariant(
            $"Input: `{Path.GetFileName(path)}` ({input.Points.Count} rows, sha256 {sha}). Each row replayed as its closed-loop benchmark: ") +
            FormattableString.Invariant($"scheduler {s.Scheduler}{(s.EnforceEager ? " (enforce eager)" : "")}, vLLM's default budgets for the GPU, ") +
            FormattableString.Invariant($"K = {s.RequestsPerClient} x concurrency requests unless the input records the count, seed {s.Seed}; cost model {costModel} ({models}).");
    }

    private static void Summarize(IReadOnlyList<ValidationRow> results, string outDir, string markdown)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("GPU", "rows expressed", "TPOT median / p90 |e| (%)", "TPOT bias (%)", "TTFT median / p90 |e| (%)", "TTFT bias (%)");
        foreach (string gpu in results.Select(r => r.Point.Gpu).Distinct().Order(StringComparer.Ordinal))
        {
            ValidationRow[] rows = [.. results.Where(r => r.Point.Gpu == gpu)];
            ErrorStats tpot = ErrorStats.Of(rows.Where(r => r.Expressed).Select(r => r.TpotError)), ttft = ErrorStats.Of(rows.Where(r => r.Expressed).Select(r => r.TtftError));
            table.AddRow(Markup.Escape(gpu), FormattableString.Invariant($"{tpot.Count} / {rows.Length}"),
                FormattableString.Invariant($"{tpot.MedianAbs * 100:F1} / {tpot.P90Abs * 100:F1}"), FormattableString.Invariant($"{tpot.Bias * 100:+0.0;-0.0}"),
                FormattableString.Invariant($"{ttft.MedianAbs * 100:F1} / {ttft.P90Abs * 100:F1}"), FormattableString.Invariant($"{ttft.Bias * 100:+0.0;-0.0}"));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]Outputs: {Markup.Escape(Path.Combine(outDir, ValidationCsvWriter.FileName))}, {Markup.Escape(markdown)}[/]");
    }
}

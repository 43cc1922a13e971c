using System.CommandLine;
using Spectre.Console;
using TraceReplay.Cli.Replay;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Requests;
using TraceReplay.Reports.Sweeps;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay sweep</c>: a grid of replays (schedulers x rates x knobs) on all cores, one Parquet row per run.</summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var o = new SweepCommandOptions();
        return CommandBuilder.Create("sweep",
            "Replay a grid: schedulers x rates (requests re-timed at each rate, seeded) x --chunk-tokens (sarathi) x " +
            "--layer-groups (layered), in parallel on all local cores. Writes DIR/sweep.parquet (one row per run, " +
            "summary.json's metric names), and DIR/sweep.md + sweep.html with goodput per configuration (highest rate whose SLO " +
            "attainment meets --slo-target), attainment against rate and the TTFT-TBT Pareto frontier.\nShards: --shard i/N " +
            "(0-based) runs grid points with index mod N = i into DIR/sweep-shard-i-of-N.parquet; without --shard the index " +
            "comes from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm array) and N from --shards " +
            "or SLURM_ARRAY_TASK_COUNT. Join shards with `tracereplay merge`.",
            [
                "tracereplay sweep --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv --model qwen3-30b-a3b --gpu h100 --tp 2 --schedulers sarathi,layered --rates 1.0:2.0:0.1 -o out/sweep",
                "tracereplay sweep --requests traces/lengths/sharegpt_8k_filtered_stats_llama2_tokenizer.csv --model llama-3-8b --gpu h100 --schedulers sarathi --rates 2,4,8 --chunk-tokens 256,512,1024 --shard 0/4 -o out/sweep",
                "tracereplay sweep --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv --model qwen3-30b-a3b --gpu h100 --tp 2 --schedulers sarathi --rates 1,2 --calibration my-calibrations/h100 -o out/sweep-mine",
                "tracereplay sweep --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv --model qwen3-30b-a3b --gpu h100 --schedulers sarathi --rates 10,20,40 --ep 1,4,8 --dp-attention -o out/sweep-ep",
            ],
            [.. o.All],
            parse => Execute(parse, o));
    }

    private static int Execute(ParseResult parse, SweepCommandOptions o)
    {
        ShardSpec shard = ShardSpec.Resolve(parse.GetValue(o.Shard), parse.GetValue(o.Shards), Environment.GetEnvironmentVariable);
        string costModel = parse.GetValue(o.CostModel)!;
        string? calibration = parse.GetValue(o.Calibration);
        var input = RequestInput.Open(parse.GetValue(o.Requests)!, retimed: true);
        int max = parse.GetValue(o.MaxRequests);
        List<RequestRecord> requests = [.. input.Read(retimed: true).Take(max > 0 ? max : int.MaxValue)];
        // The grid (and its hash, which shards must share) names a given calibration by its content.
        string costModelTag = calibration is null ? costModel : $"{costModel} (calibration sha256 {CommonOptions.CalibrationTag(calibration)})";
        SweepGrid grid = o.ToGrid(parse, input.Sha256 + (max > 0 ? FormattableString.Invariant($" (first {max} requests)") : ""), costModelTag);
        ReplayOptions first = grid.OptionsFor(grid.Points()[0]);
        _ = CostModels.Resolve(costModel, GpuCatalog.Resolve(first.Gpu), calibration); // bad names or calibrations fail before any work
        int jobs = parse.GetValue(o.Jobs);
        string outDir = parse.GetValue(o.Output)!;
        Directory.CreateDirectory(outDir);
        int mine = grid.Points().Count(p => shard.Owns(p.Index));
        IReadOnlyList<SweepRow> rows = RunWithProgress(grid, requests, op => CostModels.Resolve(costModel, GpuCatalog.Resolve(op.Gpu), calibration), shard, jobs, mine);
        IReadOnlyDictionary<string, string> meta = SweepRunner.Metadata(grid, shard);
        string file = Path.Combine(outDir, shard.IsWhole ? SweepParquet.FileName : SweepParquet.ShardFileName(shard));
        SweepParquet.Write(file, rows, meta);
        AnsiConsole.MarkupLine($"wrote {rows.Count} rows ({requests.Count} requests per run) to [bold]{Markup.Escape(file)}[/]");
        if (shard.IsWhole)
        {
            MergeCommand.Summarize(rows, meta, parse.GetValue(o.SloTarget), outDir);
        }
        else
        {
            AnsiConsole.MarkupLine($"[grey]shard {shard}; when all {shard.Count} are done: tracereplay merge {Markup.Escape(outDir)} -o DIR[/]");
        }
        return 0;
    }

    private static IReadOnlyList<SweepRow> RunWithProgress(
        SweepGrid grid, List<RequestRecord> requests, Func<ReplayOptions, ICostModel> costModel, ShardSpec shard, int jobs, int count)
    {
        if (Console.IsOutputRedirected)
        {
            return SweepRunner.Run(grid, requests, costModel, shard, jobs);
        }
        IReadOnlyList<SweepRow>? rows = null;
        AnsiConsole.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask($"sweep: {count} runs on {jobs} cores", maxValue: Math.Max(1, count));
                rows = SweepRunner.Run(grid, requests, costModel, shard, jobs, _ => task.Increment(1));
            });
        return rows!;
    }
}

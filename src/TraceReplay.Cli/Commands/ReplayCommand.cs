using System.CommandLine;
using Spectre.Console;
using TraceReplay.Cli.Replay;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Input;
using TraceReplay.Simulation.Scheduling;
using TraceReplay.Simulation.Workloads;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay replay</c>: replay a request log through a serving model under one or more schedulers.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var o = new ReplayCommandOptions();
        return CommandBuilder.Create("replay",
            "Replay a request log, iteration by iteration, on a model of a serving system: continuous batching, paged KV cache " +
            "(preemption by recompute), a scheduler, iteration costs from the operator graph through a cost model, and estimated energy.\n" +
            "Writes DIR/requests.parquet, DIR/iterations.parquet and DIR/summary.json; with several schedulers (comma-separated) " +
            "each goes to DIR/<scheduler> and the summaries print side by side.\n\n" +
            "Schedulers: " + string.Join("; ", SchedulerRegistry.All.Select(s => $"{s.Name} ({s.Description})")),
            [
                "tracereplay replay --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv --model qwen3-30b-a3b --gpu h100 --tp 2 --scheduler sarathi -o out/sarathi",
                "tracereplay replay --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv --model qwen3-30b-a3b --gpu h100 --tp 2 --scheduler sarathi,layered --slo-ttft-s 5 --slo-tbt-s 0.125 -o out/demo",
                "tracereplay replay --concurrency 32 --isl 1024 --osl 1024 --num-requests 320 --model llama-3.1-8b --gpu h200 --scheduler vllm-v1 -o out/bench",
                "tracereplay replay --requests tests/data/requests/mooncake.head1000.jsonl --model llama-3.1-8b --gpu h100 --replicas 4 --router prefix-aware --scheduler vllm-v1 -o out/prefix",
                "tracereplay replay --requests tests/data/requests/mooncake.head1000.jsonl --model llama-3.1-8b --gpu h100 --prefix-caching off --prefill-replicas 2 --decode-replicas 2 --kv-streaming on --scheduler vllm-v1 -o out/pd",
                "tracereplay replay --requests lengths.csv --rate 4.5 --arrival poisson --seed 7 --model gpt-oss-20b --gpu h100 --scheduler layered --layer-group-cap 12 -o out/gptoss",
                "tracereplay replay --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv --model qwen3-30b-a3b --gpu h100 --scheduler sarathi --ep 8 --dp-attention --routing zipf:1 -o out/ep8",
                "tracereplay replay --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv --model qwen3-30b-a3b --gpu h100 --scheduler sarathi --routing recorded:routing.parquet -o out/recorded",
            ],
            [.. o.All],
            parse => Execute(parse, o)); // errors: CliApp maps every exception to one line and an exit code
    }

    private static int Execute(ParseResult parse, ReplayCommandOptions o)
    {
        string[] schedulers = [.. parse.GetValue(o.Scheduler)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        if (schedulers.Length == 0)
        {
            throw new ArgumentException($"--scheduler: name at least one of {string.Join(", ", SchedulerRegistry.Names)}");
        }
        foreach (string s in schedulers)
        {
            _ = SchedulerRegistry.Create(s, o.ToReplayOptions(parse, s)); // unknown names fail before any work
        }
        ClosedLoopWorkload? workload = o.ToWorkload(parse);
        double? rate = parse.GetValue(o.Rate);
        if (workload is not null && rate.HasValue)
        {
            throw new ArgumentException("--rate re-times a request log; a closed-loop benchmark's arrivals follow its completions");
        }
        ArrivalRetimer? retimer = rate.HasValue ? ArrivalRetimer.Create(rate.Value, parse.GetValue(o.Arrival)!) : null;
        PhaseClock.Mark("options: map and validate");
        RequestInput? input = workload is null ? RequestInput.Open(parse.GetValue(o.Requests)!, retimer is not null) : null;
        PhaseClock.Mark("input: open, SHA-256, detect, count rows");
        string outDir = parse.GetValue(o.Output)!;
        ReplayOutputs.RefuseOverwritingInputs(outDir, schedulers, [input?.Path, parse.GetValue(o.Calibration), parse.GetValue(o.Model), parse.GetValue(o.Gpu)]);
        var results = new List<ReplayRunner.Result>();
        foreach (string s in schedulers)
        {
            ReplayOptions options = o.ToReplayOptions(parse, s);
            string dir = schedulers.Length == 1 ? outDir : Path.Combine(outDir, s);
            results.Add(workload is null
                ? RunWithProgress(input!, options, parse.GetValue(o.CostModel)!, retimer, dir, parse.GetValue(o.Calibration))
                : RunClosedLoopWithProgress(workload, options, parse.GetValue(o.CostModel)!, dir, parse.GetValue(o.Calibration)));
        }
        SummaryTable.Render(results);
        PhaseClock.Mark("terminal: summary table");
        foreach (ReplayRunner.Result r in results.Where(r => r.Summary.Overloaded))
        {
            Console.Error.WriteLine(OverloadWarning(r));
        }
        return 0;
    }

    /// <summary>One stderr line per overloaded run: its figures describe a queue that grows with the trace's length.</summary>
    internal static string OverloadWarning(ReplayRunner.Result r) => FormattableString.Invariant(
        $"warning: {r.Directory}: overloaded ({r.Info.Options.Scheduler}): the waiting queue grew by {r.Summary.QueueRiseRequests:F0} requests over the arrival window ") +
        FormattableString.Invariant($"({r.Summary.QueueGrowthRequestsPerS:G3} requests/s), so the modelled system serves about {Math.Max(0, 1 - r.Summary.QueueRiseRequests / Math.Max(1, r.Summary.Requests)):P0} of the offered load; ") +
        "latencies grow with the trace's length. Lower --rate or add --replicas (summary.json: overloaded, queue_growth_requests_per_s).";

    private static ReplayRunner.Result RunClosedLoopWithProgress(ClosedLoopWorkload workload, ReplayOptions options, string costModel, string dir, string? calibrationPath)
    {
        ReplayRunner.Result? result = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask($"replay {options.Scheduler}", maxValue: workload.NumRequests);
                result = ReplayRunner.RunClosedLoop(workload, options, costModel, dir, (routed, simNs) =>
                {
                    task.Value = Math.Min(routed, task.MaxValue);
                    task.Description = FormattableString.Invariant($"replay {options.Scheduler}: {routed} requests in, t = {simNs / 1e9:F0} s");
                }, calibrationPath);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static ReplayRunner.Result RunWithProgress(RequestInput input, ReplayOptions options, string costModel, ArrivalRetimer? retimer, string dir, string? calibrationPath)
    {
        ReplayRunner.Result? result = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask($"replay {options.Scheduler}", maxValue: input.Count ?? 1);
                task.IsIndeterminate = input.Count is null;
                result = ReplayRunner.Run(input, options, costModel, retimer, dir, (routed, simNs) =>
                {
                    task.Value = Math.Min(routed, task.MaxValue);
                    task.Description = FormattableString.Invariant($"replay {options.Scheduler}: {routed} requests in, t = {simNs / 1e9:F0} s");
                }, calibrationPath);
                task.Value = task.MaxValue;
            });
        return result!;
    }
}

using System.CommandLine;
using TraceReplay.Ingest.Kernels;
using TraceReplay.Ingest.Kernels.Classification;
using TraceReplay.Ingest.Requests;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay ingest kernels|requests FILE... -o OUT.parquet</c>: what users have -> canonical Parquet.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        Command ingest = CommandBuilder.Create("ingest",
            "Convert kernel traces and request logs into canonical Parquet (schema version in the file metadata).",
            [],
            [CreateKernels(), CreateRequests()]);
        return ingest;
    }

    private static Command CreateKernels()
    {
        var (files, output, format, maxErrors) = Common($"auto | {string.Join(" | ", KernelFormats.Names)}");
        var classes = new Option<string?>("--classes") { Description = "Extra classifier rules (CSV op_class,regex; first match wins), tried before the built-in table" };
        return CommandBuilder.Create("kernels",
            "Kernel traces -> canonical kernel Parquet: Nsight Systems SQLite export, nsys cuda_gpu_trace / cuda_gpu_kern_sum " +
            "CSV, Nsight Compute CSV (details or raw page), PyTorch/Kineto JSON(.gz). Format detected from content. Each kernel " +
            "gets an op class.",
            [
                "tracereplay ingest kernels run.sqlite -o kernels.parquet",
                "tracereplay ingest kernels trace.pt.trace.json.gz --classes my_kernels.csv -o kernels.parquet",
            ],
            [output, format, maxErrors, classes, files],
            parse =>
            {
                string outPath = parse.GetValue(output)!;
                string? classesPath = parse.GetValue(classes);
                return IngestProgress.Run(outPath, [.. parse.GetValue(files)!, .. classesPath is { } c ? new[] { c } : []], parse.GetValue(maxErrors),
                    context => KernelIngest.RunAsync(parse.GetValue(files)!, outPath, parse.GetValue(format)!, KernelClassifier.WithUserTable(classesPath), context));
            });
    }

    private static Command CreateRequests()
    {
        var (files, output, format, maxErrors) = Common($"auto | {string.Join(" | ", RequestFormats.Names)}");
        var rate = new Option<double?>("--rate") { Description = "Re-time with synthetic arrivals at R requests/s (required for length-only traces)" };
        var arrival = new Option<string>("--arrival") { Description = "Arrival process for --rate: poisson | gamma:CV", DefaultValueFactory = _ => "poisson" };
        var seed = new Option<int>("--seed") { Description = "Seed for --rate re-timing and ServeGen generation", DefaultValueFactory = _ => 0 };
        var duration = new Option<double?>("--duration-s") { Description = "ServeGen: generate only the first S seconds" };
        return CommandBuilder.Create("requests",
            "Request logs -> canonical request Parquet: Azure LLM 2023/2024 (and LMM 2025) CSV, Mooncake JSONL, BurstGPT v1/v3, " +
            "Vidur/Splitwise traces, length-only CSVs (with --rate), ServeGen client windows, or a plain " +
            "request_id,arrival_s,prompt_tokens,output_tokens CSV. Several files are merged by arrival (each starting at 0).",
            [
                "tracereplay ingest requests AzureLLMInferenceTrace_conv.csv -o conv.parquet",
                "tracereplay ingest requests sharegpt.csv --rate 5 --arrival gamma:2 --seed 1 -o sharegpt.parquet",
                "tracereplay ingest requests BurstGPT_1.csv --max-errors 100 -o burst.parquet",
            ],
            [output, format, maxErrors, rate, arrival, seed, duration, files],
            parse =>
            {
                var options = new RequestIngestOptions(parse.GetValue(files)!, parse.GetValue(output)!, parse.GetValue(format)!, parse.GetValue(maxErrors),
                    parse.GetValue(rate), parse.GetValue(arrival)!, parse.GetValue(seed), parse.GetValue(duration));
                return IngestProgress.Run(options.Output, options.Inputs, options.MaxErrors, context => RequestIngest.RunAsync(options, context));
            });
    }

    private static (Argument<string[]>, Option<string>, Option<string>, Option<long>) Common(string formats) =>
    (
        new Argument<string[]>("FILE") { Description = "Input files (gzip recognised by content)", Arity = ArgumentArity.OneOrMore },
        new Option<string>("--output", "-o") { Description = "Output Parquet file (written atomically)", Required = true },
        new Option<string>("--format") { Description = $"Input format: {formats}", DefaultValueFactory = _ => "auto" },
        new Option<long>("--max-errors") { Description = "Skip up to N bad rows (written to <OUT>.rejected.csv) instead of stopping at the first", DefaultValueFactory = _ => 0 }
    );
}

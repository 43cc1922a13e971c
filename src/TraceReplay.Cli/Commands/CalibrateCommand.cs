using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TraceReplay.Calibration;
using TraceReplay.Calibration.Captures;
using TraceReplay.Calibration.Evaluation;
using TraceReplay.Calibration.Fitting;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay calibrate</c>: fit per-operator latency curves for a GPU and report their held-out error.</summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        Option<string> gpu = CommonOptions.Gpu();
        var profiles = new Option<string?>("--profiles") { Description = "Vidur profiles root (compute/<gpu>/..., network/<gpu>_*/...); optional when --kernels is a capture-kit ingest" };
        var kernels = new Option<string?>("--kernels") { Description = "Canonical kernel Parquet. Without --profiles: a capture-kit ingest (tr:: annotations), fitted on its own. With --profiles: Nsight Compute DRAM bytes that correct analytic HBM bytes per op class" };
        var shapes = new Option<string?>("--kernel-shapes") { Description = "With --profiles and --kernels: CSV naming the Core operator of profiled kernels (source_row, name_short, op_kind, flops, hbm_bytes, ...), whose analytic HBM bytes give the measured/analytic ratio per op class" };
        var output = new Option<string>("--output", "-o") { Description = "Output folder for calibration.json and REPORT.md", Required = true };
        var kernelDb = new Option<string?>("--kernel-db") { Description = "Folder of measured serving-kernel tables (NVIDIA AIConfigurator layout: <gpu>_sxm/<family>/<framework>/<version>/*.parquet or .csv): GEMM by dtype, attention, fused MoE, all-reduce, NCCL; fitted per family beside the Vidur profiles" };
        var derive = new Option<string?>("--derive-from") { Description = "Calibrate a GPU with no profiles by transferring another GPU's fit to its spec peaks (e.g. h200 from h100)" };
        return CommandBuilder.Create("calibrate",
            "Fit per-operator latency curves (roofline + fitted efficiencies, wave quantization, overhead) to Vidur profiles of " +
            "one GPU; write calibration.json (parameters, input SHA-256, tool version) and REPORT.md (leave-one-model-out " +
            "MAPE/p90 per op class and model, cross-GPU transfer error, extrapolation check, HBM byte ratios). Deterministic: " +
            "same inputs, same bytes.\nWrite to a folder of your own and pass it to replay, sweep, predict or iter-check with " +
            "--calibration DIR. (The repository's calibration/ holds the shipped calibrations, embedded at build time: a file " +
            "written there is not used until a rebuild.) PROFILES is Vidur's data/profiling folder " +
            "(github.com/microsoft/vidur); KERNEL_DB is a folder of measured serving-kernel tables laid out as NVIDIA " +
            "AIConfigurator's systems/data (github.com/ai-dynamo/aiconfigurator): " +
            "<gpu>_sxm/<family>/<framework>/<version>/*.parquet or .csv.",
            [
                "tracereplay calibrate --gpu h100 --profiles PROFILES -o my-calibrations/h100",
                "tracereplay replay --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv --model qwen3-30b-a3b --gpu h100 --tp 2 --scheduler sarathi --calibration my-calibrations/h100 -o out/mine",
                "tracereplay calibrate --gpu a100 --profiles PROFILES --kernels kernels.parquet -o my-calibrations/a100",
                "tracereplay calibrate --gpu a100 --profiles PROFILES --kernels a100-llama2-7b-decode.parquet --kernel-shapes calibration/captures/ncu-a100-llama2-7b-decode/shapes.csv -o my-calibrations/a100",
                "tracereplay calibrate --gpu h200 --derive-from h100 --profiles PROFILES -o my-calibrations/h200",
                "tracereplay calibrate --gpu h100 --profiles PROFILES --kernel-db KERNEL_DB -o my-calibrations/h100",
                "tracereplay calibrate --gpu b200 --derive-from h100 --profiles PROFILES --kernel-db KERNEL_DB -o my-calibrations/b200",
                "tracereplay calibrate --gpu h100 --kernels captures/h100/kernels.parquet -o my-calibrations/h100-capture   # capture kit only",
            ],
            [gpu, profiles, kernels, shapes, kernelDb, output, derive],
            parse =>
            {
                GpuSpec g = GpuCatalog.Resolve(parse.GetValue(gpu)!);
                string? root = parse.GetValue(profiles);
                string? kernelsPath = parse.GetValue(kernels);
                string? shapesPath = parse.GetValue(shapes);
                if (shapesPath is not null && (root is null || kernelsPath is null))
                {
                    throw new ArgumentException($"--kernel-shapes {shapesPath}: needs --profiles and --kernels (it annotates the Nsight Compute kernel Parquet)");
                }
                if (root is null)
                {
                    return CaptureOnly(g, kernelsPath, parse.GetValue(derive), parse.GetValue(output)!);
                }
                if (!Directory.Exists(root))
                {
                    throw new DirectoryNotFoundException($"--profiles {root}: folder not found");
                }
                string? from = parse.GetValue(derive);
                string? db = parse.GetValue(kernelDb);
                CalibrationResult result = AnsiConsole.Status().Start($"fitting {g.ShortName} (Vidur profiles{(db is null ? "" : " and measured kernels")}; about a minute per GPU of kernel tables on 2 cores)",
                    _ => from is null
                        ? Calibrator.Calibrate(root, g, kernelsPath, shapesPath, db)
                        : Calibrator.Derive(root, g, GpuCatalog.Resolve(from), kernelsPath, shapesPath, db));
                (string json, string report) = CalibrationOutput.Write(result, parse.GetValue(output)!);
                Render(result);
                AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(json)}[/] and [bold]{Markup.Escape(report)}[/]");
                AnsiConsole.MarkupLine(Markup.Escape(result.Calibration.Describe()));
                return 0;
            });
    }

    /// <summary>Calibration from a capture-kit kernel Parquet alone (tools/capture): no Vidur profiles.</summary>
    private static int CaptureOnly(GpuSpec g, string? kernelsPath, string? derive, string output)
    {
        if (kernelsPath is null)
        {
            throw new ArgumentException("calibrate needs --profiles (Vidur profiles root), --kernels (capture-kit kernel Parquet), or both");
        }
        if (derive is not null)
        {
            throw new ArgumentException("--derive-from needs --profiles (it transfers a Vidur-profile fit)");
        }
        if (!File.Exists(kernelsPath))
        {
            throw new FileNotFoundException($"--kernels {kernelsPath}: file not found");
        }
        CaptureCalibrationResult r = CaptureCalibrator.Calibrate(kernelsPath, g);
        (string json, string report) = CaptureReport.Write(r, output);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("op class", "samples", "held-out median APE (%)", "held-out p90 APE (%)", "rel. std");
        foreach ((string cls, var c) in r.Calibration.Classes)
        {
            table.AddRow(cls, c.Samples.ToString(CultureInfo.InvariantCulture), c.HeldOutMedianPct.ToString("F1", CultureInfo.InvariantCulture),
                c.HeldOutP90Pct.ToString("F1", CultureInfo.InvariantCulture), c.RelativeStdDev.ToString("F3", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        ErrorStats all = CaptureReport.HeldOut(r);
        AnsiConsole.MarkupLine(Markup.Escape($"{CaptureCalibrator.Scheme} on {g.ShortName}: median APE {all.MedianPct.ToString("F1", CultureInfo.InvariantCulture)} %, p90 {all.P90Pct.ToString("F1", CultureInfo.InvariantCulture)} % over {all.Count} samples"));
        if (r.Read.Synthetic)
        {
            AnsiConsole.MarkupLine($"[yellow]{CaptureCalibrator.SyntheticNote}[/] (kernels named {CaptureKernelReader.SyntheticKernelPrefix}*)");
        }
        AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(json)}[/] and [bold]{Markup.Escape(report)}[/]");
        return 0;
    }

    private static void Render(CalibrationResult r)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("operator", "class", "source", "samples", "held-out median APE (%)", "held-out p90 APE (%)", "rel. std");
        foreach ((string op, var c) in r.Calibration.Operators)
        {
            table.AddRow(op, c.OpClass, Markup.Escape(c.Source), c.Samples.ToString(), c.HeldOutMedianPct.ToString("F1"), c.HeldOutP90Pct.ToString("F1"), c.RelativeStdDev.ToString("F3"));
        }
        AnsiConsole.Write(table);
        if (r.Calibration.Kernels.Count > 0)
        {
            var kernels = new Table().Border(TableBorder.Rounded)
                .AddColumns("measured-kernel family", "fitted on", "source", "samples", "held-out median APE (%)", "held-out p90 APE (%)");
            foreach ((string family, var c) in r.Calibration.Kernels)
            {
                kernels.AddRow(family, Markup.Escape(c.FittedOn ?? ""), Markup.Escape(c.Source), c.Samples.ToString(CultureInfo.InvariantCulture),
                    c.HeldOutMedianPct.ToString("F1", CultureInfo.InvariantCulture), c.HeldOutP90Pct.ToString("F1", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(kernels);
        }
        ErrorStats lomo = OpEvaluation.Stats(r.ModelHeldOut.SelectMany(o => o.HeldOut));
        AnsiConsole.MarkupLine($"{CrossValidator.LeaveOneModelOut} on {r.MeasuredGpu.ShortName}: median APE {lomo.MedianPct:F1} %, p90 {lomo.P90Pct:F1} % over {lomo.Count} samples (aim 5 % / 15 %)");
    }
}

using System.CommandLine;
using Spectre.Console;
using TraceReplay.Calibration;
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
        var profiles = new Option<string>("--profiles") { Description = "Vidur profiles root (compute/<gpu>/..., network/<gpu>_*/...)", Required = true };
        var kernels = new Option<string?>("--kernels") { Description = "Canonical kernel Parquet with Nsight Compute DRAM bytes: corrects analytic HBM bytes per op class" };
        var output = new Option<string>("--output", "-o") { Description = "Output folder for calibration.json and REPORT.md", Required = true };
        var derive = new Option<string?>("--derive-from") { Description = "Calibrate a GPU with no profiles by transferring another GPU's fit to its spec peaks (e.g. h200 from h100)" };
        var command = new Command("calibrate",
            "Fit per-operator latency curves (roofline + fitted efficiencies, wave quantization, overhead) to Vidur profiles of one GPU; " +
            "write calibration.json (parameters, input SHA-256, tool version) and REPORT.md (leave-one-model-out MAPE/p90 per op class and model, " +
            "cross-GPU transfer error, extrapolation check, HBM byte ratios). Deterministic: same inputs, same bytes.\n\n" +
            "Examples:\n  tracereplay calibrate --gpu h100 --profiles ../shared/data/profiles/vidur -o calibration/h100\n" +
            "  tracereplay calibrate --gpu a100 --profiles ../shared/data/profiles/vidur --kernels kernels.parquet -o calibration/a100\n" +
            "  tracereplay calibrate --gpu h200 --derive-from h100 --profiles ../shared/data/profiles/vidur -o calibration/h200");
        foreach (Option o in new Option[] { gpu, profiles, kernels, output, derive })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse =>
        {
            GpuSpec g = GpuCatalog.Resolve(parse.GetValue(gpu)!);
            string root = parse.GetValue(profiles)!;
            if (!Directory.Exists(root))
            {
                throw new DirectoryNotFoundException($"--profiles {root}: folder not found");
            }
            string? from = parse.GetValue(derive);
            CalibrationResult result = from is null
                ? Calibrator.Calibrate(root, g, parse.GetValue(kernels))
                : Calibrator.Derive(root, g, GpuCatalog.Resolve(from), parse.GetValue(kernels));
            (string json, string report) = CalibrationOutput.Write(result, parse.GetValue(output)!);
            Render(result);
            AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(json)}[/] and [bold]{Markup.Escape(report)}[/]");
            AnsiConsole.MarkupLine(Markup.Escape(result.Calibration.Describe()));
            return 0;
        });
        return command;
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
        ErrorStats lomo = OpEvaluation.Stats(r.Operators.Where(o => o.Scheme == "leave-one-model-out").SelectMany(o => o.HeldOut));
        AnsiConsole.MarkupLine($"leave-one-model-out on {r.MeasuredGpu.ShortName}: median APE {lomo.MedianPct:F1} %, p90 {lomo.P90Pct:F1} % over {lomo.Count} samples (aim 5 % / 15 %)");
    }
}

using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TraceReplay.Calibration.Iteration;
using TraceReplay.Calibration.Model;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay iter-check</c>: a traced iteration's measured kernel time per op class vs. a calibration's prediction.</summary>
public static class IterationCheckCommand
{
    public static Command Create()
    {
        var calibration = new Option<string>("--calibration", "-c") { Description = "GPU with an embedded calibration (a100, h100, a40, h200, b200) or a folder written by `calibrate`", Required = true };
        var kernels = new Option<string>("--kernels") { Description = "Canonical kernel Parquet of the trace (from `tracereplay ingest kernels`)", Required = true };
        var model = CommonOptions.Model();
        var tp = CommonOptions.Tp();
        var batch = new Option<int>("--batch") { Description = "Sequences prefilled in the traced iteration", DefaultValueFactory = _ => 1 };
        var seq = new Option<int>("--seq") { Description = "Prompt tokens per sequence in the traced iteration", Required = true };
        var context = new Option<int>("--context") { Description = "Tokens already cached per sequence before this prefill (0 = fresh prompts)", DefaultValueFactory = _ => 0 };
        var nvtx = new Option<string?>("--nvtx") { Description = "Only kernels whose annotation path (nvtx_path) contains this text, e.g. ProfilerStep#6" };
        var masked = CommonOptions.MaskedPairs(
            "Prefill attention's causally masked pairs: as-profiled (the fitted cost, as replay uses it) or skipped (an ideal causal kernel: diagonal tiles only); the report also shows the other");
        var output = new Option<string?>("--output", "-o") { Description = "Also write the comparison as Markdown to this file" };
        return CommandBuilder.Create("iter-check",
            "Compare a traced iteration's measured kernel time (us) per op class with the calibration's prediction for the same " +
            "iteration, rebuilt from the model config and the prefill shape. GEMM/attention/MoE/comm classes are compared one " +
            "to one; norm, rope, activation, elementwise and copies also as one memory-bound group (eager frameworks split them " +
            "into generic kernels).",
            [
                "tracereplay ingest kernels tests/data/kernels/kineto/h100-qwen1.5-0.5b-hf/Qwen_Qwen1.5-0.5B-Chat__1016005.json.gz -o qwen.parquet",
                "tracereplay iter-check -c h100 --kernels qwen.parquet -m calibration/captures/qwen1.5-0.5b/config.json --batch 16 --seq 559 --nvtx ProfilerStep#6",
                "tracereplay iter-check -c b200 --kernels gptoss.parquet -m calibration/captures/gpt-oss-120b/config.json --tp 8 --seq 888 --nvtx execute_context -o b200-check.md",
                "tracereplay iter-check -c my-calibrations/h100 --kernels qwen.parquet -m calibration/captures/qwen1.5-0.5b/config.json --batch 16 --seq 559 --nvtx ProfilerStep#6",
            ],
            [calibration, kernels, model, tp, batch, seq, context, nvtx, masked, output],
            parse =>
            {
                GpuCalibration cal = CalibrationStore.Load(parse.GetValue(calibration)!);
                var cost = new CalibratedCostModel(GpuCatalog.Resolve(cal.Gpu), cal,
                    CommonOptions.MaskedPairsOf(parse.GetValue(masked)!));
                string path = parse.GetValue(kernels)!;
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"--kernels {path}: file not found");
                }
                int b = parse.GetValue(batch), s = parse.GetValue(seq), ctx = parse.GetValue(context);
                if (b < 1 || s < 1 || ctx < 0)
                {
                    throw new ArgumentException($"--batch {b}, --seq {s}, --context {ctx}: expected batch >= 1, seq >= 1, context >= 0");
                }
                var shape = new BatchShape();
                for (int i = 0; i < b; i++)
                {
                    shape.AddPrefill(s, ctx);
                }
                string? filter = parse.GetValue(nvtx);
                KernelTimes measured = KernelTimes.Read(path, filter);
                ModelSpec spec = ModelCatalog.Resolve(parse.GetValue(model)!);
                string note = $"prefill {b} x {s} tokens" + (ctx > 0 ? $" after {ctx} cached" : "") + (filter is null ? "" : $", kernels under `{filter}`");
                IterationCheckResult r = IterationCheck.Run(measured, spec, shape, parse.GetValue(tp), cost, note);
                var table = new Table().AddColumns("op class", "measured kernels", "measured us", "predicted ops", "predicted us", "pred/meas - 1");
                foreach (IterationCheckRow row in r.Rows.Append(r.Sum("mapped classes", r.Mapped)).Append(r.Sum("iteration total", r.Rows)))
                {
                    table.AddRow(row.OpClass, row.MeasuredKernels.ToString(CultureInfo.InvariantCulture), row.MeasuredUs.ToString("F1", CultureInfo.InvariantCulture), row.PredictedOps.ToString(CultureInfo.InvariantCulture), row.PredictedUs.ToString("F1", CultureInfo.InvariantCulture),
                        double.IsNaN(row.RelativeError) ? "-" : (row.RelativeError * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %");
                }
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine(Markup.Escape(r.Provenance));
                if (r.MaskedPairsLine() is { } line)
                {
                    AnsiConsole.MarkupLine(Markup.Escape(line));
                }
                if (parse.GetValue(output) is { } o)
                {
                    TraceReplay.Core.IO.AtomicFile.WriteAllText(o, r.Render());
                    AnsiConsole.MarkupLine($"wrote {Markup.Escape(o)}");
                }
                return 0;
            });
    }
}

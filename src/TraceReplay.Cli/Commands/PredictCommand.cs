using System.CommandLine;
using Spectre.Console;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Predict;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay predict</c>: per-operator latency and HBM bytes from a calibration, for an op-shape or Vidur CSV.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var calibration = new Option<string>("--calibration", "-c") { Description = "GPU with an embedded calibration (a100, h100, a40, h200, b200) or a folder written by `calibrate`", Required = true };
        var ops = new Option<string>("--ops") { Description = "Input (.csv, .txt or .parquet; the layout is detected from the columns): TraceReplay op-shape CSV (op_kind, flops, hbm_bytes, ...), a Vidur profile CSV, or a measured-kernel table (AIConfigurator gemm_perf, context/generation_attention_perf, moe_perf, custom_allreduce_perf, nccl_perf)", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Output: every input column plus predictions. Measured-kernel tables get pred.latency_ms (ms per call), written as Parquet when OUT ends in .parquet, else CSV", Required = true };
        return CommandBuilder.Create("predict",
            "Predict per-operator latency (ms) and HBM bytes with a calibration. Vidur-format input gets " +
            "pred.time_stats.<op>.median (ms), pred.hbm_bytes.<op> and pred.rel_std.<op> per operator (measured columns are " +
            "ignored, so you can check a calibration against profiles you measured); op-shape input gets pred.latency_ms, " +
            "pred.hbm_bytes, pred.rel_std; a measured-kernel table gets pred.latency_ms per row (a row of a dtype or routing " +
            "not modelled gets an empty prediction, counted on stderr).",
            [
                "tracereplay predict --calibration h100 --ops my_profiles/mlp.csv -o mlp.pred.csv",
                "tracereplay predict --calibration h100 --ops gemm_perf.parquet -o gemm.pred.parquet",
                "tracereplay predict --calibration calibration/a100 --ops ops.csv -o ops.pred.csv",
            ],
            [calibration, ops, output],
            parse =>
            {
                GpuCalibration cal = CalibrationStore.Load(parse.GetValue(calibration)!);
                var model = new CalibratedCostModel(GpuCatalog.Resolve(cal.Gpu), cal);
                string input = parse.GetValue(ops)!;
                if (!File.Exists(input))
                {
                    throw new FileNotFoundException($"--ops {input}: file not found");
                }
                PredictInput.Outcome outcome = PredictInput.Run(input, parse.GetValue(output)!, model);
                PredictSummary s = outcome.Summary;
                AnsiConsole.MarkupLine($"{Markup.Escape(input)} ({s.InputKind}): {s.RowsRead} rows read, {s.RowsWritten} written, {s.OperatorsPredicted} operator predictions");
                if (outcome.NotExpressed.Count > 0)
                {
                    Console.Error.WriteLine($"{input}: {outcome.NotExpressed.Values.Sum()} rows not expressible, written with an empty prediction: " +
                        string.Join("; ", outcome.NotExpressed.Select(kv => $"{kv.Value} x {kv.Key}")));
                }
                AnsiConsole.MarkupLine($"added columns: {Markup.Escape(string.Join(", ", s.AddedColumns))}");
                AnsiConsole.MarkupLine(Markup.Escape(model.Provenance));
                return 0;
            });
    }
}

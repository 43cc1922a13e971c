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
        var ops = new Option<string>("--ops") { Description = "Input CSV: TraceReplay op-shape CSV (op_kind, flops, hbm_bytes, ...) or a Vidur profile CSV", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Output CSV: every input column plus predictions (ms, bytes, relative std)", Required = true };
        var command = new Command("predict",
            "Predict per-operator latency (ms) and HBM bytes with a calibration. Vidur-format input gets pred.time_stats.<op>.median (ms), " +
            "pred.hbm_bytes.<op> and pred.rel_std.<op> per operator (measured columns are ignored, so you can check a calibration against " +
            "profiles you measured); op-shape input gets pred.latency_ms, pred.hbm_bytes, pred.rel_std.\n\n" +
            "Examples:\n  tracereplay predict --calibration h100 --ops my_profiles/mlp.csv -o mlp.pred.csv\n" +
            "  tracereplay predict --calibration calibration/a100 --ops ops.csv -o ops.pred.csv");
        foreach (Option o in new Option[] { calibration, ops, output })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse =>
        {
            GpuCalibration cal = CalibrationStore.Load(parse.GetValue(calibration)!);
            var model = new CalibratedCostModel(GpuCatalog.Resolve(cal.Gpu), cal);
            string input = parse.GetValue(ops)!;
            if (!File.Exists(input))
            {
                throw new FileNotFoundException($"--ops {input}: file not found");
            }
            PredictSummary s = OpsPredictor.Run(input, parse.GetValue(output)!, model);
            AnsiConsole.MarkupLine($"{Markup.Escape(input)} ({s.InputKind}): {s.RowsRead} rows read, {s.RowsWritten} written, {s.OperatorsPredicted} operator predictions");
            AnsiConsole.MarkupLine($"added columns: {Markup.Escape(string.Join(", ", s.AddedColumns))}");
            AnsiConsole.MarkupLine(Markup.Escape(model.Provenance));
            return 0;
        });
        return command;
    }
}

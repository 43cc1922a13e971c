using System.Globalization;
using System.Text;
using TraceReplay.Calibration.Evaluation;
using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Reports;

namespace TraceReplay.Calibration.Captures;

/// <summary>Writes <c>calibration.json</c> and <c>REPORT.md</c> (held-out error per op class and per shape) for a capture calibration.</summary>
public static class CaptureReport
{
    public static (string Json, string Report) Write(CaptureCalibrationResult r, string folder)
    {
        Directory.CreateDirectory(folder);
        string json = Path.Combine(folder, CalibrationOutput.JsonFile), report = Path.Combine(folder, CalibrationOutput.ReportFile);
        r.Calibration.Save(json);
        Core.IO.AtomicFile.WriteAllText(report, Render(r));
        return (json, report);
    }

    /// <summary>Held-out error over every class's held-out predictions.</summary>
    public static ErrorStats HeldOut(CaptureCalibrationResult r) => OpEvaluation.Stats(r.Classes.SelectMany(c => c.HeldOut));

    public static string Render(CaptureCalibrationResult r)
    {
        var sb = new StringBuilder();
        sb.Append($"# Calibration report: {r.Gpu.ShortName} ({r.Gpu.Name}) from a capture-kit trace\n\n");
        if (r.Read.Synthetic)
        {
            sb.Append($"**{CaptureCalibrator.SyntheticNote}.** The kernels are `capture.py --simulate` output (kernel names ")
              .Append($"`{CaptureKernelReader.SyntheticKernelPrefix}*`): their times come from a roofline formula, so the errors below ")
              .Append("measure how well the latency form recovers that formula, not how well it predicts a GPU.\n\n");
        }
        string file = Path.GetFileName(r.Read.Path);
        int inRange = r.Read.RowsRead - r.Read.RowsOutsideAnnotation - r.Read.RowsNotKernels - r.Read.RowsNcu;
        sb.Append($"- input `{file}`, SHA-256 `{r.Calibration.Inputs[0].Sha256}`, tool version `{r.Calibration.ToolVersion}`\n");
        sb.Append($"- rows read {r.Read.RowsRead} = {inRange} kernels in a `tr::` range + {r.Read.RowsOutsideAnnotation} outside any (warm-ups) + {r.Read.RowsNotKernels} not kernels + {r.Read.RowsNcu} Nsight Compute rows (DRAM-byte pass, not timed)\n");
        sb.Append($"- {r.Read.Measurements.Count} annotated shapes (kernel time summed per `rep` range, averaged over `rep`) -> {r.Samples.Count} samples ")
          .Append("(MoE `proj=up_gate` + `proj=down` of one token count summed into Core's one `moe_experts` operator)\n");
        sb.Append("- one curve per op class, same latency form and fitter as the Vidur path (docs/calibration.md); stored under `classes` in calibration.json\n");
        sb.Append($"- held-out scheme: {CaptureCalibrator.Scheme}: refit without every sample of one token count (attention decode: one (batch, context)), predict them\n\n");
        ErrorStats all = HeldOut(r);
        sb.Append($"**Held-out error, all classes: median APE {Md.F(all.MedianPct)} %, p90 {Md.F(all.P90Pct)} %, MAPE {Md.F(all.MapePct)} % over {all.Count} samples.**\n\n");
        sb.Append("## Per op class\n\n");
        Md.Table(sb, ["op class", "samples", "held-out median APE (%)", "held-out p90 APE (%)", "in-sample median APE (%)", "bias (%)"],
            r.Classes.Select(c =>
            {
                ErrorStats h = OpEvaluation.Stats(c.HeldOut), i = OpEvaluation.Stats(c.InSample);
                return new[] { c.Op, c.InSample.Count.ToString(CultureInfo.InvariantCulture), h.Count == 0 ? "- (one group)" : Md.F(h.MedianPct), h.Count == 0 ? "-" : Md.F(h.P90Pct), Md.F(i.MedianPct), Md.F(h.BiasPct) };
            }));
        sb.Append("## Held-out predictions\n\n");
        Md.Table(sb, ["op class", "held-out group", "measured (us)", "predicted (us)", "error (%)"],
            r.Classes.SelectMany(c => c.HeldOut.Select(p => new[]
            {
                c.Op, p.Group, Md.F(p.MeasuredUs, 2), Md.F(p.PredictedUs, 2), Md.F(100 * (p.PredictedUs / p.MeasuredUs - 1)),
            })));
        return sb.ToString();
    }
}

using System.Globalization;
using TraceReplay.Calibration.KernelDb;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Cost;
using TraceReplay.Core.IO;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Predict;

/// <summary>
/// <c>tracereplay predict</c>: copies every input column and appends predictions. Vidur-format input gets, per
/// operator, <c>pred.time_stats.&lt;op&gt;.median</c> (ms), <c>pred.hbm_bytes.&lt;op&gt;</c> and <c>pred.rel_std.&lt;op&gt;</c>;
/// op-shape input gets <c>pred.latency_ms</c>, <c>pred.hbm_bytes</c>, <c>pred.rel_std</c>. Measured columns are ignored.
/// </summary>
public static class OpsPredictor
{
    public static PredictSummary Run(string inputCsv, string outputCsv, CalibratedCostModel model)
    {
        CsvTable t = CsvTable.Read(inputCsv);
        var added = new List<string>();
        var cells = new Dictionary<(int Row, string Column), string>();
        string kind;
        int predicted = 0;
        if (OpShapeCsv.Matches(t))
        {
            kind = "op-shape";
            added.AddRange(["pred.latency_ms", "pred.hbm_bytes", "pred.rel_std"]);
            for (int r = 0; r < t.Rows.Count; r++)
            {
                Operator op = OpShapeCsv.Read(t, r);
                Put(cells, r, "pred", model.Estimate(op));
                predicted++;
            }
        }
        else
        {
            VidurFileKind vk = VidurCsv.DetectOrThrow(t);
            kind = "vidur-" + vk.ToString().ToLowerInvariant();
            bool anyMeasured = VidurOps.All.Any(o => t.Has(VidurCsv.MedianColumn(o)));
            string[] ops = vk switch
            {
                VidurFileKind.Mlp => [.. VidurOps.MlpOps.Where(o => !anyMeasured || t.Has(VidurCsv.MedianColumn(o)))],
                VidurFileKind.Attention => [VidurOps.AttnPrefill, VidurOps.AttnDecode],
                _ => [VidurOps.AllReduce],
            };
            foreach (string op in ops)
            {
                added.AddRange([$"pred.{VidurCsv.MedianColumn(op)}", $"pred.hbm_bytes.{op}", $"pred.rel_std.{op}"]);
            }
            foreach (VidurRow row in VidurCsv.Operators(t, requireMeasuredColumn: false))
            {
                if (ops.Contains(row.OpName))
                {
                    OpCost cost = model.EstimateWith(row.OpName, row.Op);
                    cells[(row.Row, $"pred.{VidurCsv.MedianColumn(row.OpName)}")] = Num(cost.LatencyUs / 1000.0);
                    cells[(row.Row, $"pred.hbm_bytes.{row.OpName}")] = Num(cost.HbmBytes);
                    cells[(row.Row, $"pred.rel_std.{row.OpName}")] = Num(cost.RelativeStdDev);
                    predicted++;
                }
            }
        }
        Write(outputCsv, t, added, cells);
        return new PredictSummary(kind, t.Rows.Count, t.Rows.Count, predicted, added);
    }

    private static void Put(Dictionary<(int, string), string> cells, int r, string prefix, OpCost cost)
    {
        cells[(r, prefix + ".latency_ms")] = Num(cost.LatencyUs / 1000.0);
        cells[(r, prefix + ".hbm_bytes")] = Num(cost.HbmBytes);
        cells[(r, prefix + ".rel_std")] = Num(cost.RelativeStdDev);
    }

    private static string Num(double v) => v.ToString("G9", CultureInfo.InvariantCulture);

    private static void Write(string path, CsvTable t, List<string> added, Dictionary<(int, string), string> cells) =>
        KernelTableWriter.Write(path, [.. t.Header, .. added],
            [.. Enumerable.Range(0, t.Rows.Count).Select(r => (string?[])[.. t.Rows[r], .. added.Select(c => cells.TryGetValue((r, c), out string? v) ? v : "")])]);
}

using System.Text;
using TraceReplay.Calibration.Evaluation;
using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Reports;

public static partial class ReportWriter
{
    private static void Transfer(StringBuilder sb, CalibrationResult r)
    {
        sb.Append($"## Cross-GPU transfer (fit on another GPU, predict {r.MeasuredGpu.ShortName} from spec ratios alone)\n\n");
        var rows = new List<string[]>();
        foreach (string src in r.Operators.SelectMany(o => o.TransferFrom.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            foreach (OpEvaluation e in r.Operators.Where(o => o.TransferFrom.ContainsKey(src)))
            {
                ErrorStats s = OpEvaluation.Stats(e.TransferFrom[src]);
                rows.Add([src, e.Op, .. Md.Errors(s), Md.F(s.BiasPct)]);
            }
            ErrorStats all = OpEvaluation.Stats(r.Operators.Where(o => o.TransferFrom.ContainsKey(src)).SelectMany(o => o.TransferFrom[src]));
            rows.Add([$"**{src}**", "**all**", .. Md.Errors(all), Md.F(all.BiasPct)]);
        }
        if (rows.Count == 0)
        {
            sb.Append("No other GPU's profiles share an operator with this one.\n\n");
            return;
        }
        Md.Table(sb, ["fitted on", "operator", "samples", "MAPE %", "median %", "p90 %", "bias %"], rows);
    }

    /// <summary>Predictions of the largest profiled shape at 1x, 2x and 4x its token count / batch: must grow, never collapse.</summary>
    private static void Extrapolation(StringBuilder sb, CalibrationResult r)
    {
        sb.Append("## Extrapolation sanity (largest profiled shape, past the fitted range)\n\n");
        var rows = new List<string[]>();
        foreach (OpEvaluation e in r.Operators)
        {
            ProfileSample big = r.Profiles.Samples.Where(s => s.OpName == e.Op).MaxBy(s => s.Op.Flops + s.Op.Bytes.TotalBytes + s.Op.CommBytes);
            Operator op = big.Op;
            double t1 = LatencyForm.PredictUs(op, r.Gpu, e.Params);
            double t2 = LatencyForm.PredictUs(Scale(op, 2), r.Gpu, e.Params);
            double t4 = LatencyForm.PredictUs(Scale(op, 4), r.Gpu, e.Params);
            bool sane = t1 > 0 && t2 >= t1 && t4 >= t2 && t4 / t1 <= 8;
            rows.Add([e.Op, Md.F(big.MeasuredUs), Md.F(t1), Md.F(t2), Md.F(t4), Md.F(t4 / t1, 2), sane ? "ok" : "CHECK"]);
        }
        Md.Table(sb, ["operator", $"measured at max ({r.MeasuredGpu.ShortName}) us", $"pred 1x ({r.Gpu.ShortName}) us", "pred 2x us", "pred 4x us", "4x / 1x", "monotone, no collapse"], rows);
    }

    /// <summary>The operator with 2x / 4x the work along its batch axis (tokens, sequences or payload).</summary>
    internal static Operator Scale(Operator op, double k) => op with
    {
        Flops = op.Flops * k,
        Bytes = op.Bytes.Scale(k),
        Tokens = (long)(op.Tokens * k),
        Sequences = op.Class is OpClass.AttentionDecode ? (int)(op.Sequences * k) : op.Sequences,
        ContextTokens = (long)(op.ContextTokens * k),
        AttendedPairs = op.AttendedPairs * k,
        CommBytes = op.CommBytes * k,
    };
}

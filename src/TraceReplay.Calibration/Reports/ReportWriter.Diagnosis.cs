using System.Text;
using TraceReplay.Calibration.Evaluation;
using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Reports;

public static partial class ReportWriter
{
    /// <summary>Token-count buckets (upper bounds, inclusive) for the error breakdown.</summary>
    private static readonly long[] s_tokenBuckets = [16, 128, 512, 2048, long.MaxValue];

    /// <summary>
    /// Where the held-out error comes from: per op class x token range, absolute error in us next to the %, and the
    /// floors a perfect model could not beat (1 us timer rounding; replicate disagreement of identical kernels).
    /// </summary>
    private static void Diagnosis(StringBuilder sb, CalibrationResult r)
    {
        sb.Append("## Diagnosis: where the held-out error comes from\n\n")
          .Append("Held-out predictions per op class and token range (attention: query tokens). `abs err` = median |pred - measured| in us. ")
          .Append("`rounding floor %` = median over samples of 0.25 us / measured: the expected error of a perfect model when the ")
          .Append("profile's timer rounds to 1 us (uniform rounding error, mean |e| = 0.25 us); a lower bound, not an estimate of noise.\n\n");
        var rows = new List<string[]>();
        foreach (var byClass in r.Operators.GroupBy(o => o.Class).OrderBy(g => g.Key))
        {
            List<Prediction> preds = [.. byClass.SelectMany(o => o.HeldOut)];
            long lo = 1;
            foreach (long hi in s_tokenBuckets)
            {
                List<Prediction> b = [.. preds.Where(p => p.Tokens >= lo && p.Tokens <= hi)];
                if (b.Count > 0)
                {
                    rows.Add(BucketRow(byClass.Key.ToString(), hi == long.MaxValue ? $">= {lo}" : $"{lo}-{hi}", b));
                }
                lo = hi + 1;
            }
        }
        Md.Table(sb, ["op class", "tokens", "samples", "median measured us", "median APE %", "p90 APE %", "bias %", "median abs err us", "p90 abs err us", "rounding floor %"], rows);

        sb.Append("Per tensor-parallel degree (MLP-file operators, leave-one-model-out):\n\n");
        Md.Table(sb, ["TP", "samples", "median APE %", "p90 APE %", "bias %", "median abs err us"],
            r.ModelHeldOut.SelectMany(o => o.HeldOut).GroupBy(p => p.TpDegree).OrderBy(g => g.Key)
                .Select(g => OpEvaluation.Stats(g) is var s ? new[] { g.Key.ToString(), s.Count.ToString(), Md.F(s.MedianPct), Md.F(s.P90Pct), Md.F(s.BiasPct), Md.F(MedianAbsUs(g)) } : []));

        sb.Append("Per held-out model, signed bias per op class (a systematic per-model offset shows as a bias far from 0):\n\n");
        OpClass[] classes = [.. r.ModelHeldOut.Select(o => o.Class).Distinct().Order()];
        Md.Table(sb, ["model", .. classes.Select(c => $"{c} bias %")],
            r.ModelHeldOut.SelectMany(o => o.HeldOut.Select(p => (o.Class, p))).GroupBy(x => x.p.Group)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new[] { g.Key }.Concat(classes.Select(c => Md.F(OpEvaluation.Stats(g.Where(x => x.Class == c).Select(x => x.p)).BiasPct))).ToArray()));
        ReplicateFloor(sb, r.Profiles);
    }

    private static string[] BucketRow(string cls, string range, List<Prediction> b)
    {
        ErrorStats s = OpEvaluation.Stats(b);
        double[] measured = [.. b.Select(p => p.MeasuredUs).Order()];
        double[] abs = [.. b.Select(p => Math.Abs(p.PredictedUs - p.MeasuredUs)).Order()];
        double[] floor = [.. b.Select(p => 25.0 / p.MeasuredUs).Order()];
        return [cls, range, s.Count.ToString(), Md.F(ErrorStats.Percentile(measured, 0.5)), Md.F(s.MedianPct), Md.F(s.P90Pct), Md.F(s.BiasPct),
            Md.F(ErrorStats.Percentile(abs, 0.5), 2), Md.F(ErrorStats.Percentile(abs, 0.9), 2), Md.F(ErrorStats.Percentile(floor, 0.5))];
    }

    private static double MedianAbsUs(IEnumerable<Prediction> p) =>
        ErrorStats.Percentile([.. p.Select(x => Math.Abs(x.PredictedUs - x.MeasuredUs)).Order()], 0.5);

    /// <summary>
    /// input_layernorm and post_attention_layernorm of one profile row are the same kernel on the same shape, timed
    /// separately: their disagreement is measurement noise no deterministic model can remove. If each timing carries
    /// independent noise of spread s, |a/b - 1| has spread about sqrt(2) s, so a perfect model's error is about the
    /// replicate error / sqrt(2).
    /// </summary>
    private static void ReplicateFloor(StringBuilder sb, ProfileSet set)
    {
        var post = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (ProfileSample s in set.Samples.Where(s => s.OpName == "post_attention_layernorm"))
        {
            post[s.Source[..s.Source.LastIndexOf(':')] + "|" + s.Op.Tokens + "|" + s.Op.TpDegree] = s.MeasuredUs;
        }
        var pairs = new List<(double A, double B, long Tokens)>();
        foreach (ProfileSample s in set.Samples.Where(s => s.OpName == "input_layernorm"))
        {
            if (post.TryGetValue(s.Source[..s.Source.LastIndexOf(':')] + "|" + s.Op.Tokens + "|" + s.Op.TpDegree, out double b))
            {
                pairs.Add((s.MeasuredUs, b, s.Op.Tokens));
            }
        }
        sb.Append("**Replicate floor (norms).** `input_layernorm` and `post_attention_layernorm` of one profile row run the same kernel on the ")
          .Append("same shape; their disagreement is noise no model can remove. Median |a/b - 1| over matched rows, and the implied ")
          .Append("floor for one measurement (/ sqrt 2):\n\n");
        if (pairs.Count == 0)
        {
            sb.Append("No matched rows.\n\n");
            return;
        }
        var rows = new List<string[]>();
        long lo = 1;
        foreach (long hi in s_tokenBuckets.Append(0))
        {
            bool all = hi == 0;
            List<(double A, double B, long Tokens)> b = all ? pairs : [.. pairs.Where(p => p.Tokens >= lo && p.Tokens <= hi)];
            if (b.Count > 0)
            {
                double[] rel = [.. b.Select(p => Math.Abs(p.A / p.B - 1) * 100).Order()];
                double[] absUs = [.. b.Select(p => Math.Abs(p.A - p.B)).Order()];
                rows.Add([all ? "**all**" : hi == long.MaxValue ? $">= {lo}" : $"{lo}-{hi}", b.Count.ToString(), Md.F(ErrorStats.Percentile(rel, 0.5)),
                    Md.F(ErrorStats.Percentile(rel, 0.9)), Md.F(ErrorStats.Percentile(absUs, 0.5), 2), Md.F(ErrorStats.Percentile(rel, 0.5) / Math.Sqrt(2))]);
            }
            lo = hi + 1;
        }
        Md.Table(sb, ["tokens", "matched rows", "replicate median %", "replicate p90 %", "replicate median abs us", "implied floor median %"], rows);
    }

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

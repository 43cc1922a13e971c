using TraceReplay.Calibration.Evaluation;
using TraceReplay.Calibration.IO;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Captures;

/// <summary>
/// Calibrates a GPU from a capture-kit kernel Parquet alone (no Vidur profiles): one curve per op class, the same
/// latency form and fitter as the Vidur path, stored as class curves (which <see cref="CalibratedCostModel"/> uses for
/// every kind of the class). Held-out error: leave-one-token-count-out (decode: leave-one-(batch, context)-out).
/// </summary>
public static class CaptureCalibrator
{
    public const string Scheme = "leave-one-token-count-out";
    public const string SyntheticNote = "synthetic capture: not a hardware measurement";

    public static CaptureCalibrationResult Calibrate(string kernelsParquet, GpuSpec gpu)
    {
        CaptureKernels read = CaptureKernelReader.Read(kernelsParquet);
        if (read.Measurements.Count == 0)
        {
            throw new InvalidDataException(
                $"{kernelsParquet}: no kernel inside a tr:: annotation ({read.RowsRead} rows read, {read.RowsOutsideAnnotation} outside any tr:: range); " +
                "expected the ingest of a capture-kit trace (tools/capture/capture.py)");
        }
        string file = Path.GetFileName(kernelsParquet);
        List<ProfileSample> samples = Samples(read, file);
        var evals = new List<OpEvaluation>();
        var classes = new SortedDictionary<string, OperatorCalibration>(StringComparer.Ordinal);
        string source = read.Synthetic ? $"fitted on capture {file} ({SyntheticNote})" : $"fitted on capture {file}";
        foreach (OpClass cls in samples.Select(s => s.Op.Class).Distinct().Order())
        {
            OpEvaluation eval = OpEvaluation.Fit(cls.ToName(), cls, Scheme, [.. samples.Where(s => s.Op.Class == cls)], gpu);
            evals.Add(eval);
            classes[cls.ToName()] = eval.Stored(source);
        }
        string sha = FileHash.Sha256(kernelsParquet);
        string rel = "kernels/" + file;
        var calibration = new GpuCalibration
        {
            Gpu = gpu.ShortName,
            ToolVersion = Calibrator.ToolVersion,
            InputsSha256 = FileHash.Sha256Text($"{rel} {sha}\n"),
            Inputs = [new ProfileInputJson(rel, sha)],
            Operators = new SortedDictionary<string, OperatorCalibration>(StringComparer.Ordinal),
            Classes = classes,
            Hbm = new SortedDictionary<string, HbmCorrection>(StringComparer.Ordinal),
        };
        return new CaptureCalibrationResult(gpu, calibration, read, samples, evals);
    }

    /// <summary>One sample per shape; MoE up_gate + down of one token count become Core's single MoeExperts operator.</summary>
    private static List<ProfileSample> Samples(CaptureKernels read, string file)
    {
        var result = new List<ProfileSample>();
        var moe = new SortedDictionary<string, (Operator Op, double Us, string Source)>(StringComparer.Ordinal);
        foreach (CaptureMeasurement m in read.Measurements)
        {
            Operator op = CaptureOperators.Build(m.Shape);
            string group = CaptureOperators.GroupOf(m.Shape, op);
            string src = $"{file}:{m.Shape}";
            if (op.Kind == OpKind.MoeExperts)
            {
                moe[group] = moe.TryGetValue(group, out var prev) ? (CaptureOperators.Sum(prev.Op, op), prev.Us + m.MeanUs, prev.Source + " + " + m.Shape) : (op, m.MeanUs, src);
                continue;
            }
            result.Add(new ProfileSample(op, m.Shape.Op, group, m.MeanUs, src));
        }
        result.AddRange(moe.Select(kv => new ProfileSample(kv.Value.Op, "moe_experts", kv.Key, kv.Value.Us, kv.Value.Source)));
        return result;
    }
}

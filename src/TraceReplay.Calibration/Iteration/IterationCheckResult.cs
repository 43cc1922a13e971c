using System.Globalization;
using System.Text;
using TraceReplay.Calibration.Model;

namespace TraceReplay.Calibration.Iteration;

/// <summary>The outcome of an <see cref="IterationCheck"/>, rendered as Markdown (invariant culture: byte-stable).</summary>
/// <param name="Kernels">The measured side: the kernel Parquet, its rows read and those in the checked iteration.</param>
/// <param name="MaskedPairs">How the predicted rows cost prefill attention's masked pairs.</param>
/// <param name="AlternativeAttentionPrefillUs">Predicted prefill attention (us) under <see cref="AlternativeMaskedPairs"/>.</param>
public sealed record IterationCheckResult(string Model, string Gpu, string Provenance, int Tp, string ShapeNote, KernelTimes Kernels,
    IReadOnlyList<IterationCheckRow> Rows, MaskedPairs MaskedPairs, MaskedPairs AlternativeMaskedPairs, double AlternativeAttentionPrefillUs)
{
    /// <summary>One line comparing the two masked-pairs assumptions for prefill attention, or null without attention.</summary>
    public string? MaskedPairsLine()
    {
        IterationCheckRow a = Rows.FirstOrDefault(r => r.OpClass == "attention_prefill");
        if (a.OpClass is null || a.PredictedOps == 0 || a.MeasuredUs <= 0)
        {
            return null;
        }
        double altErr = (AlternativeAttentionPrefillUs / a.MeasuredUs - 1) * 100;
        return $"Prefill attention with masked pairs {Name(MaskedPairs)} (rows above): {F(a.PredictedUs)} us ({Pct(a.RelativeError * 100)}); " +
            $"{Name(AlternativeMaskedPairs)}: {F(AlternativeAttentionPrefillUs)} us ({Pct(altErr)}).";
    }

    private static string Name(MaskedPairs m) => m == MaskedPairs.AsProfiled ? "as profiled" : "skipped (ideal causal kernel)";

    private static string Pct(double v) => v.ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>Classes whose kernels map one to one onto predicted operators (compared individually).</summary>
    public IEnumerable<IterationCheckRow> Mapped => Rows.Where(r => !IterationCheck.MemoryBoundGroup.Contains(r.OpClass));

    public IterationCheckRow Sum(string name, IEnumerable<IterationCheckRow> rows)
    {
        IterationCheckRow[] r = [.. rows];
        return new IterationCheckRow(name, r.Sum(x => x.MeasuredKernels), r.Sum(x => x.MeasuredUs), r.Sum(x => x.PredictedOps), r.Sum(x => x.PredictedUs),
            Math.Sqrt(r.Sum(x => x.PredictedStdUs * x.PredictedStdUs)));
    }

    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append($"# Iteration check: {Gpu}\n\nWritten by `tracereplay iter-check` (see docs/calibration.md). Measured = summed kernel ")
          .Append("durations per op class (ingest's classifier); predicted = the calibration's per-operator latencies for the same iteration ")
          .Append("rebuilt with Core's OperatorGraph (fused kernels), summed per op class; sd = root-sum-square of each operator's held-out spread.\n\n");
        sb.Append($"Model `{Model}`, TP {Tp}, {ShapeNote}. Kernels: `{Path.GetFileName(Kernels.Path)}`, {Kernels.RowsRead} rows read, {Kernels.RowsKept} in the ")
          .Append($"checked iteration, {Kernels.RowsRead - Kernels.RowsKept} outside it. Calibration: {Provenance}\n\n");
        sb.Append("| op class | measured kernels | measured us | predicted operators | predicted us | +/- 1 sd us | pred / meas - 1 |\n|---|---|---|---|---|---|---|\n");
        foreach (IterationCheckRow r in Rows)
        {
            Row(sb, r, r.OpClass);
        }
        Row(sb, Sum("mapped", Mapped), "**mapped classes** (GEMM, attention, MoE, comms)");
        Row(sb, Sum("memory-bound", Rows.Where(r => IterationCheck.MemoryBoundGroup.Contains(r.OpClass))), "**memory-bound group** (" + string.Join(", ", IterationCheck.MemoryBoundGroup) + ")");
        Row(sb, Sum("total", Rows), "**iteration total**");
        sb.Append('\n');
        if (MaskedPairsLine() is { } line)
        {
            sb.Append(line).Append("\n\n");
        }
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, IterationCheckRow r, string label) =>
        sb.Append($"| {label} | {r.MeasuredKernels} | {F(r.MeasuredUs)} | {r.PredictedOps} | {F(r.PredictedUs)} | {F(r.PredictedStdUs)} | ")
          .Append(double.IsNaN(r.RelativeError) ? "-" : (r.RelativeError * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %").Append(" |\n");

    private static string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
}

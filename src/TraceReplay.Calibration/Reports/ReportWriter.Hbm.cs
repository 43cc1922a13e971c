using System.Text;
using TraceReplay.Calibration.Kernels;
using TraceReplay.Calibration.Model;

namespace TraceReplay.Calibration.Reports;

public static partial class ReportWriter
{
    private static void Hbm(StringBuilder sb, CalibrationResult r)
    {
        sb.Append("## HBM traffic\n\nPredicted HBM bytes = analytic bytes (Core's OperatorGraph formulas: each operand read once, each result written once) ")
          .Append("x the op class's measured/analytic ratio, where Nsight Compute DRAM bytes were supplied (`--kernels`) and at least ")
          .Append($"{HbmCorrection.MinSamplesToApply} kernels with known shapes back the class; a class with fewer is reported, not applied (ratio 1 in replay).\n\n");
        KernelTrafficSummary? k = r.Kernels;
        if (k is null)
        {
            sb.Append("No kernel Parquet was given: every class uses the analytic bytes (ratio 1, uncorrected).\n\n");
            return;
        }
        sb.Append($"Kernel Parquet `{Path.GetFileName(k.Path)}`: {k.RowsRead} rows read, {k.RowsMeasured} with DRAM bytes and an op class, ")
          .Append($"{k.RowsAnnotated} with analytic bytes from `--kernel-shapes` {(k.ShapesPath is null ? "(none given)" : $"`{Path.GetFileName(k.ShapesPath)}`")}, ")
          .Append($"{k.RowsMeasured - k.RowsAnnotated} not annotated.\n\n");
        Md.Table(sb, ["op class", "kernels with DRAM bytes", "kernels with analytic bytes", "measured DRAM bytes", "analytic bytes", "measured / analytic (geo. mean)", "min", "max", "in replay"],
            k.MeasuredBytes.Keys.Select(cls =>
            {
                k.Ratios.TryGetValue(cls, out List<double>? ratios);
                KernelTrafficRow[] known = [.. k.Kernels.Where(x => x.OpClass == cls && x.MeasuredOverAnalytic is not null)];
                bool any = ratios is { Count: > 0 };
                r.Calibration.Hbm.TryGetValue(cls, out HbmCorrection? h);
                return new[]
                {
                    cls, k.MeasuredBytes[cls].Count.ToString(), (ratios?.Count ?? 0).ToString(),
                    Md.F(k.MeasuredBytes[cls].Sum(), 0), any ? Md.F(known.Sum(x => x.AnalyticBytes!.Value), 0) : "-",
                    any ? Md.F(KernelTrafficSummary.GeometricMean(ratios!), 4) : "- (no shapes)",
                    any ? Md.F(ratios!.Min(), 4) : "-", any ? Md.F(ratios!.Max(), 4) : "-",
                    h is null ? "ratio 1 (no shapes)" : h.Applied ? $"applied (x {Md.F(h.MeasuredOverAnalytic, 4)})" : $"reported only (< {HbmCorrection.MinSamplesToApply} kernels; ratio 1)",
                };
            }));
        KernelTrafficRow[] annotated = [.. k.Kernels.Where(x => x.AnalyticBytes is not null)];
        if (annotated.Length == 0)
        {
            return;
        }
        sb.Append("Per kernel (analytic bytes from the annotated Core operator):\n\n");
        Md.Table(sb, ["source row", "kernel", "op class", "op kind", "DRAM read bytes", "DRAM write bytes", "analytic bytes", "measured / analytic"],
            annotated.Select(x => new[]
            {
                x.SourceRow?.ToString() ?? "-", $"`{x.NameShort}`", x.OpClass, x.OpKind ?? "-", Md.F(x.ReadBytes, 0), Md.F(x.WriteBytes, 0),
                Md.F(x.AnalyticBytes!.Value, 0), x.MeasuredOverAnalytic is double m ? Md.F(m, 4) : "-",
            }));
        sb.Append("**Caveat: DRAM writes read low.** Nsight Compute counts the DRAM writes that happen during the kernel; dirty lines still ")
          .Append("in L2 when it ends are written back later and charged to no kernel. A kernel whose output fits in L2 therefore reads ")
          .Append("low, while weight-streaming GEMMs, whose bytes are almost all reads, are measured well. ncu also flushes caches before ")
          .Append("each kernel (`--cache-control all`, the default), so small kernels pay extra cold reads (code, constants, descriptors) ")
          .Append("that a steady-state run would find in cache. ");
        string[] zeroWrites = [.. annotated.Where(x => x.WriteBytes == 0).Select(x => $"`{x.NameShort}` (row {x.SourceRow})")];
        sb.Append(zeroWrites.Length == 0 ? "\n\n" : $"Annotated kernels with 0 DRAM bytes written although they write their output: {string.Join(", ", zeroWrites)}.\n\n");
    }
}

using System.Globalization;
using System.Text;
using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.KernelDb;
using TraceReplay.Calibration.Model;

namespace TraceReplay.Calibration.Reports;

public static partial class ReportWriter
{
    private static readonly (string Name, double Lo, double Hi)[] TokenRanges =
        [("1-16", 0, 16), ("17-128", 16, 128), ("129-1024", 128, 1024), ("1025-8192", 1024, 8192), (">8192", 8192, double.MaxValue)];

    private static void MeasuredKernels(StringBuilder sb, CalibrationResult r)
    {
        KernelDbCalibration? k = r.KernelDb;
        if (k is null)
        {
            return;
        }
        sb.Append("## Measured serving kernels (NVIDIA AIConfigurator tables of vLLM)\n\n");
        bool carried = r.Calibration.Kernels.Values.All(c => c.Source.StartsWith("derived", StringComparison.Ordinal));
        if (carried)
        {
            sb.Append($"**No {r.Gpu.ShortName} kernel tables exist.** The curves below were fitted on {r.MeasuredGpu.ShortName}'s tables and ")
              .Append($"are carried to {r.Gpu.ShortName}'s datasheet peaks; the errors shown are {r.MeasuredGpu.ShortName}'s. The transfer error measured ")
              .Append("where both ends exist (A100 -> H100, H100 -> B200, in those GPUs' reports) says how far such a carry can be off.\n\n");
        }
        if (k.Set is { } set)
        {
            sb.Append($"- tables: `{Path.GetFileName(set.GpuFolder)}/` ({set.Inputs.Count} files; Apache-2.0, ai-dynamo/aiconfigurator, see calibration.json `inputs`)\n");
            sb.Append($"- rows read {set.RowsRead}, used {set.Samples.Count}, not expressible {set.Unexpressed.Count}");
            sb.Append(set.Unexpressed.Count == 0 ? "\n" : " (" + string.Join("; ", set.Unexpressed.GroupBy(u => u.Reason).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} x {g.Key}")) + ")\n");
        }
        sb.Append("- every row's operator is rebuilt with Core's formulas (FLOPs, HBM bytes at its dtype, MoE experts hit and per-expert row tiles under the table's routing), ")
          .Append("and fitted with the same physics form as the Vidur operators; the held-out groups are whole shapes the fit never saw.\n\n");
        if (!carried)
        {
            Families(sb, k);
            ByTokenRange(sb, k);
            MoeRouting(sb, k);
            KernelTransfer(sb, k);
        }
        else
        {
            Md.Table(sb, ["family", "fitted on", "source", "samples", "held-out median %", "p90 %"],
                r.Calibration.Kernels.Select(kv => new[] { kv.Key, kv.Value.FittedOn ?? "", kv.Value.Source, kv.Value.Samples.ToString(CultureInfo.InvariantCulture), Md.F(kv.Value.HeldOutMedianPct), Md.F(kv.Value.HeldOutP90Pct) }));
        }
        var model = new CalibratedCostModel(r.Gpu, r.Calibration);
        string[] approx = [.. model.Approximations];
        if (approx.Length > 0)
        {
            sb.Append("Formats the replay can ask for that these tables do not measure (approximated, not fitted):\n\n");
            foreach (string a in approx)
            {
                sb.Append($"- {a}\n");
            }
            sb.Append('\n');
        }
    }

    private static void Families(StringBuilder sb, KernelDbCalibration k)
    {
        sb.Append("### Held-out error per family\n\n");
        var rows = new List<string[]>();
        foreach (KernelFamilyFit f in k.Fits)
        {
            ErrorStats ho = f.HeldOut(), ins = f.InSample();
            string aim = f.Groups < 2 ? "-" : ho.MedianPct <= 5 && ho.P90Pct <= 15 ? "met" : "NOT met";
            LatencyParams p = f.Params;
            rows.Add([f.Family, f.Provenance, f.Scheme, f.Samples.Count.ToString(CultureInfo.InvariantCulture), Md.F(ins.MedianPct), Md.F(ho.MedianPct), Md.F(ho.P90Pct), Md.F(ho.BiasPct), aim,
                $"o={Md.G(p.OverheadUs)} us, e_c={Md.G(p.ComputeEfficiency)}, e_m={Md.G(p.MemoryEfficiency)}, p={Md.G(p.SmoothP)}, q={Md.G(p.WaveQuantization)}, per_seq={Md.G(p.PerSequenceUs)} us, floor={Md.G(p.FloorUs)} us, tile_exp={Md.G(p.TileExponent)}, masked={Md.G(p.MaskedFraction)}"]);
        }
        Md.Table(sb, ["family", "fitted on", "held-out scheme", "samples", "in-sample median %", "held-out median %", "p90 %", "bias %", "aim (5 / 15)", "fitted"], rows);
        sb.Append("Held-out schemes: ").AppendJoin("; ", KernelFamilies.Kinds.Select(x => $"{x.Title}: {x.HeldOut}")).Append(".\n\n");
    }

    private static void ByTokenRange(StringBuilder sb, KernelDbCalibration k)
    {
        sb.Append("### Held-out median / p90 absolute error (%) by size\n\nGEMM: m (tokens); fused MoE: tokens; prefill attention: batch x prompt tokens; decode attention: context per sequence; all-reduce and NCCL: message bytes (same ranges, in KiB).\n\n");
        var rows = new List<string[]>();
        foreach (KernelFamilyFit f in k.Fits.Where(f => f.Groups > 1))
        {
            double scale = f.Family.StartsWith("allreduce", StringComparison.Ordinal) || f.Family.StartsWith("nccl", StringComparison.Ordinal) ? 1024 : 1;
            var cells = new List<string> { f.Family };
            foreach ((_, double lo, double hi) in TokenRanges)
            {
                ErrorStats s = f.HeldOut(x => x.Work / scale > lo && x.Work / scale <= hi);
                cells.Add(s.Count == 0 ? "-" : $"{Md.F(s.MedianPct)} / {Md.F(s.P90Pct)} (n={s.Count})");
            }
            rows.Add([.. cells]);
        }
        Md.Table(sb, ["family", .. TokenRanges.Select(t => t.Name)], rows);
    }

    private static void MoeRouting(StringBuilder sb, KernelDbCalibration k)
    {
        var rows = new List<string[]>();
        foreach (KernelFamilyFit f in k.Fits.Where(f => f.Family.StartsWith("moe:", StringComparison.Ordinal) && f.Groups > 1))
        {
            foreach (string v in f.Samples.Select(s => s.Variant).Distinct().Order(StringComparer.Ordinal))
            {
                ErrorStats s = f.HeldOut(x => x.Variant == v);
                rows.Add([f.Family, v, s.Count.ToString(CultureInfo.InvariantCulture), Md.F(s.MedianPct), Md.F(s.P90Pct), Md.F(s.BiasPct)]);
            }
        }
        if (rows.Count > 0)
        {
            sb.Append("### Fused MoE by routing\n\n`balanced` = uniform routing; `power_law_A` = the collector's skewed loads, predicted from their expected experts hit and rows per expert (MoeTableRouting).\n\n");
            Md.Table(sb, ["family", "routing", "samples", "held-out median %", "p90 %", "bias %"], rows);
        }
    }

    private static void KernelTransfer(StringBuilder sb, KernelDbCalibration k)
    {
        if (k.Transfer.Count == 0)
        {
            return;
        }
        sb.Append("### Transfer check (spec-ratio carry between measured GPUs)\n\nThe reference GPU's fitted coefficients with this GPU's datasheet peaks, predicting this GPU's measurements: the error a derived calibration (H200 from H100) can be expected to carry.\n\n");
        var rows = new List<string[]>();
        foreach ((string family, (string from, double[] predicted)) in k.Transfer)
        {
            KernelFamilyFit f = k.Fits.First(x => x.Family == family);
            ErrorStats s = ErrorStats.Of([.. f.Samples.Select((x, i) => (predicted[i], x.Sample.MeasuredUs))]);
            rows.Add([family, from, s.Count.ToString(CultureInfo.InvariantCulture), Md.F(s.MedianPct), Md.F(s.P90Pct), Md.F(s.BiasPct)]);
        }
        Md.Table(sb, ["family", "fitted on", "samples", "median %", "p90 %", "bias %"], rows);
    }
}

using System.Text;
using TraceReplay.Calibration.Evaluation;
using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Model;

namespace TraceReplay.Calibration.Reports;

/// <summary>Writes <c>REPORT.md</c>: held-out error per operator, op class and model, cross-GPU transfer, extrapolation and HBM traffic.</summary>
public static partial class ReportWriter
{
    public static string Render(CalibrationResult r)
    {
        GpuCalibration c = r.Calibration;
        var sb = new StringBuilder();
        sb.Append($"# Calibration report: {r.Gpu.ShortName} ({r.Gpu.Name})\n\n");
        bool ownKernels = c.Kernels.Values.Any(k => !k.Source.StartsWith("derived", StringComparison.Ordinal));
        if (c.DerivedFrom is not null && ownKernels)
        {
            sb.Append($"**PARTLY DERIVED.** The measured-kernel curves (GEMM, attention, fused MoE, all-reduce, NCCL) are fitted on {r.Gpu.ShortName}'s own ")
              .Append($"measured kernel tables (section below). No {r.Gpu.ShortName} Vidur profiles exist: the other operators (norms, RoPE, activation, ")
              .Append($"embedding, elementwise) were fitted on **{c.DerivedFrom}** profiles and carried to {r.Gpu.ShortName}'s datasheet peaks ({c.Transfer}); ")
              .Append($"their errors below are {c.DerivedFrom}'s, and their error on a real {r.Gpu.ShortName} is unmeasured.\n\n");
        }
        else if (c.DerivedFrom is not null)
        {
            sb.Append($"**DERIVED CALIBRATION.** No {r.Gpu.ShortName} measurements exist in the inputs. Every curve below was fitted on ")
              .Append($"**{c.DerivedFrom}** profiles and carried to {r.Gpu.ShortName}'s datasheet peaks ({c.Transfer}). ")
              .Append($"The errors shown are {c.DerivedFrom}'s held-out errors and the measured A100<->H100 transfer error: the ")
              .Append($"error on a real {r.Gpu.ShortName} is unmeasured and likely larger.\n\n");
        }
        sb.Append($"- tool version `{c.ToolVersion}`, inputs SHA-256 `{c.InputsSha256}` ({c.Inputs.Count} files, listed in calibration.json)\n");
        sb.Append($"- measurements read {r.Profiles.MeasurementsRead}, used {r.Profiles.Samples.Count}, excluded {r.Profiles.Excluded.Values.Sum()}");
        sb.Append(r.Profiles.Excluded.Count == 0 ? "\n" : " (" + string.Join("; ", r.Profiles.Excluded.Select(kv => $"{kv.Key}: {kv.Value}")) + ")\n");
        sb.Append($"- all-reduce profiles: {r.Profiles.NetworkFolder ?? "none"}\n");
        sb.Append("- model: `T = overhead + per_seq x S + smoothmax_p(floor, F_eff/(peak x e_c), (B + fill x SMs x B/R)/(BW x e_m))`, F_eff with best-tile wave quantization (GEMMs) or paid masked pairs (prefill), bytes within L2 at a fitted speedup (row-parallel kernels); see docs/calibration.md\n\n");
        Headline(sb, r);
        MeasuredKernels(sb, r);
        Operators(sb, r);
        ByClassAndModel(sb, r);
        Diagnosis(sb, r);
        Transfer(sb, r);
        Extrapolation(sb, r);
        Hbm(sb, r);
        sb.Append("## Iteration check\n\nPer-iteration kernel time on real traces (`tests/data/kernels/kineto`) is compared by `tracereplay iter-check`; ")
          .Append("its result for this GPU, where a trace exists (h100: HF Qwen1.5-0.5B; b200: vLLM gpt-oss-120b TP 8), is in `ITERATION_CHECK.md` ")
          .Append("next to this file, and summarised in docs/calibration.md.\n");
        return sb.ToString();
    }

    private static void Headline(StringBuilder sb, CalibrationResult r)
    {
        List<Prediction> all = [.. r.Operators.SelectMany(o => o.HeldOut)];
        ErrorStats s = OpEvaluation.Stats(all);
        List<Prediction> lomo = [.. r.ModelHeldOut.SelectMany(o => o.HeldOut)];
        ErrorStats m = OpEvaluation.Stats(lomo);
        sb.Append($"## Headline ({r.MeasuredGpu.ShortName} measurements, held out)\n\n");
        Md.Table(sb, ["scope", "samples", "MAPE %", "median APE %", "p90 APE %", "aim"],
        [
            [$"{CrossValidator.LeaveOneModelOut} (MLP-file operators)", .. Md.Errors(m), "median <= 5, p90 <= 15"],
            ["all held-out predictions (incl. attention folds, all-reduce)", .. Md.Errors(s), "median <= 5, p90 <= 15"],
        ]);
        string verdict = m.MedianPct <= 5 && m.P90Pct <= 15 ? "meets" : "does NOT meet";
        sb.Append($"Leave-one-model-out {verdict} the aim (median <= 5 %, p90 <= 15 %).\n\n");
    }

    private static void Operators(StringBuilder sb, CalibrationResult r)
    {
        sb.Append("## Per operator\n\nHeld-out = fitted without the predicted group. APE = absolute percentage error; bias = mean signed error.\n\n");
        var rows = new List<string[]>();
        foreach (OpEvaluation e in r.Operators.Concat(r.Classes))
        {
            ErrorStats ins = OpEvaluation.Stats(e.InSample), ho = OpEvaluation.Stats(e.HeldOut);
            LatencyParams p = e.Params;
            rows.Add([e.Op, e.Class.ToString(), e.Scheme, ins.Count.ToString(), Md.F(ins.MedianPct), Md.F(ho.MapePct), Md.F(ho.MedianPct), Md.F(ho.P90Pct), Md.F(ho.BiasPct), Md.F(ho.RelativeStdDev, 3),
                $"o={Md.G(p.OverheadUs)} us, e_c={Md.G(p.ComputeEfficiency)}, e_m={Md.G(p.MemoryEfficiency)}, p={Md.G(p.SmoothP)}, q={Md.G(p.WaveQuantization)}, fill={Md.G(p.FillRowsPerSm)}, per_seq={Md.G(p.PerSequenceUs)} us, floor={Md.G(p.FloorUs)} us, tile_exp={Md.G(p.TileExponent)}, masked={Md.G(p.MaskedFraction)}, l2={Md.G(p.L2Speedup)}"]);
        }
        Md.Table(sb, ["operator", "class", "held-out scheme", "samples", "in-sample median %", "held-out MAPE %", "median %", "p90 %", "bias %", "rel. std", "fitted"], rows);
        var transferred = r.Calibration.Operators.Where(kv => kv.Value.Source.Contains("transferred", StringComparison.Ordinal)).ToList();
        if (transferred.Count > 0)
        {
            sb.Append($"Not profiled on {r.MeasuredGpu.ShortName}, carried over from another GPU by spec ratios (error shown is the source GPU's held-out error; the transfer itself adds error):\n\n");
            Md.Table(sb, ["operator", "source", "samples", "median %", "p90 %"],
                transferred.Select(kv => new[] { kv.Key, kv.Value.Source, kv.Value.Samples.ToString(), Md.F(kv.Value.HeldOutMedianPct), Md.F(kv.Value.HeldOutP90Pct) }));
        }
    }

    private static void ByClassAndModel(StringBuilder sb, CalibrationResult r)
    {
        sb.Append("## Held-out error per op class and per model\n\n");
        var rows = new List<string[]>();
        foreach (var byClass in r.Operators.GroupBy(o => o.Class).OrderBy(g => g.Key))
        {
            foreach (var byGroup in byClass.SelectMany(o => o.HeldOut).GroupBy(p => p.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                ErrorStats s = OpEvaluation.Stats(byGroup);
                rows.Add([byClass.Key.ToString(), byGroup.Key, .. Md.Errors(s)]);
            }
            ErrorStats all = OpEvaluation.Stats(byClass.SelectMany(o => o.HeldOut));
            rows.Add([$"**{byClass.Key}**", "**all**", .. Md.Errors(all)]);
        }
        Md.Table(sb, ["op class", "held-out model / group", "samples", "MAPE %", "median %", "p90 %"], rows);
        sb.Append("Per model, all MLP-file operators together:\n\n");
        Md.Table(sb, ["model", "samples", "MAPE %", "median %", "p90 %"],
            r.ModelHeldOut.SelectMany(o => o.HeldOut).GroupBy(p => p.Group).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (string[])[g.Key, .. Md.Errors(OpEvaluation.Stats(g))]));
    }
}

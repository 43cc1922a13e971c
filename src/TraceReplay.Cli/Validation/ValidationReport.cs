using System.Text;
using TraceReplay.Core.IO;
using TraceReplay.Reports.Report;
using TraceReplay.Reports.Text;

namespace TraceReplay.Cli.Validation;

/// <summary>
/// <c>validation.md</c>: how many rows were expressed (and why the others were not), the accuracy goal per GPU,
/// then MAPE, median and p90 absolute error and signed bias of TPOT and TTFT overall, by GPU and by model, for all
/// rows and for the held-out deployments alone, and scatter plots of predicted vs measured (plots/).
/// </summary>
public static class ValidationReport
{
    public const string FileName = "validation.md";

    /// <param name="markdownPath">Where the page goes (default OUT/validation.md); plot links are relative to it.</param>
    public static void Write(string outDir, string? markdownPath, string header, IReadOnlyList<ValidationRow> results)
    {
        string plots = Path.Combine(outDir, ReportBuilder.PlotsFolder);
        ValidationPlots.Save(results, plots);
        string mdPath = markdownPath ?? Path.Combine(outDir, FileName);
        string link = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(mdPath))!, Path.GetFullPath(plots)).Replace('\\', '/');
        var sb = new StringBuilder();
        sb.Append("# Validation against measured benchmarks\n\n").Append(header).Append("\n\n");
        sb.Append("Each row is replayed as the benchmark it records: C clients each send their next request when the last completes ")
          .Append("(all start at time 0, as `vllm bench serve --max-concurrency C` does), ISL prompt tokens and exactly OSL output tokens ")
          .Append("(ignore_eos). `pred_ttft_ms` is the replay's mean TTFT and `pred_tpot_ms` its mean per-request TPOT, (E2E - TTFT) / (OSL - 1), ")
          .Append("the measured columns' definitions. Parallelism the engine does not model (pipeline, attention data parallel, expert parallel, ")
          .Append("expert TP unlike attention TP) is not approximated: those rows are counted as not expressed. Quant modes set the weight formats ")
          .Append("(fp8: FP8, keeping an FP8 checkpoint's block scaling; nvfp4: NVFP4 on GPUs with FP4 tensor cores, weight-only FP4 elsewhere; ")
          .Append("int4_wo: INT4 weight-only). Held out: the deployments (model, GPU, quantization, parallelism) whose key's SHA-256 starts with a ")
          .Append("byte divisible by 4; no modelling choice looked at them, and no constant is fitted per model or row.\n\n");
        sb.Append("Errors are e = (predicted - measured) / measured per row; MAPE = mean |e|; median and p90 of |e| (nearest rank); ")
          .Append("bias = mean e (positive: the replay is slower than measured). Held-out deployments: see `split` in validation.csv.\n\n");
        Rows(sb, results);
        Goal(sb, results);
        foreach ((string metric, Func<ValidationRow, double> error) in new (string, Func<ValidationRow, double>)[] { ("TPOT", r => r.TpotError), ("TTFT", r => r.TtftError) })
        {
            sb.Append("## ").Append(metric).Append(" error\n\n");
            var t = new MarkdownTable("group", "rows", "MAPE", "median |e|", "p90 |e|", "bias");
            foreach ((string name, IEnumerable<ValidationRow> rows) in Groups(results))
            {
                ErrorStats s = ErrorStats.Of(rows.Where(r => r.Expressed).Select(error));
                t.Add(name, Fmt.Int(s.Count), Pct(s.Mape), Pct(s.MedianAbs), Pct(s.P90Abs), SignedPct(s.Bias));
            }
            sb.Append(t).Append('\n');
        }
        sb.Append("## Predicted vs measured\n\n![TPOT predicted vs measured](").Append(link).Append('/').Append(ValidationPlots.Tpot).Append(".svg)\n\n")
          .Append("![TTFT predicted vs measured](").Append(link).Append('/').Append(ValidationPlots.Ttft).Append(".svg)\n");
        AtomicFile.WriteAllText(mdPath, sb.ToString());
    }

    private static void Rows(StringBuilder sb, IReadOnlyList<ValidationRow> results)
    {
        sb.Append("## Rows\n\n");
        var t = new MarkdownTable("split", "rows", "expressed", "not expressed");
        foreach ((string name, IEnumerable<ValidationRow> rows) in new[] { ("all", results.AsEnumerable()), ("tuning", results.Where(r => !r.HeldOut)), ("held out", results.Where(r => r.HeldOut)) })
        {
            ValidationRow[] a = [.. rows];
            t.Add(name, Fmt.Int(a.Length), Fmt.Int(a.Count(r => r.Expressed)), Fmt.Int(a.Count(r => !r.Expressed)));
        }
        sb.Append(t).Append('\n');
        var why = new MarkdownTable("why not expressed (pred_note)", "rows");
        foreach (IGrouping<string, ValidationRow> g in results.Where(r => !r.Expressed).GroupBy(r => r.Note!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            why.Add(g.Key.Replace("|", "\\|", StringComparison.Ordinal), Fmt.Int(g.Count()));
        }
        sb.Append(results.Any(r => !r.Expressed) ? why + "\n" : "Every row was expressed.\n\n");
    }

    private static void Goal(StringBuilder sb, IReadOnlyList<ValidationRow> results)
    {
        sb.Append("## Goal per GPU (expressed rows)\n\nTPOT: median |e| <= 5% and p90 <= 15%; TTFT: median |e| <= 10% and p90 <= 25%.\n\n");
        var t = new MarkdownTable("GPU", "split", "rows", "TPOT median", "TPOT p90", "TPOT bias", "TPOT goal", "TTFT median", "TTFT p90", "TTFT bias", "TTFT goal");
        foreach (string gpu in results.Select(r => r.Point.Gpu).Distinct().Order(StringComparer.Ordinal))
        {
            foreach ((string split, Func<ValidationRow, bool> keep) in new (string, Func<ValidationRow, bool>)[] { ("all", _ => true), ("held out", r => r.HeldOut) })
            {
                ValidationRow[] rows = [.. results.Where(r => r.Expressed && r.Point.Gpu == gpu && keep(r))];
                ErrorStats tpot = ErrorStats.Of(rows.Select(r => r.TpotError)), ttft = ErrorStats.Of(rows.Select(r => r.TtftError));
                t.Add(gpu, split, Fmt.Int(rows.Length), Pct(tpot.MedianAbs), Pct(tpot.P90Abs), SignedPct(tpot.Bias), tpot.MeetsTpotGoal ? "met" : "not met",
                    Pct(ttft.MedianAbs), Pct(ttft.P90Abs), SignedPct(ttft.Bias), ttft.MeetsTtftGoal ? "met" : "not met");
            }
        }
        sb.Append(t).Append('\n');
    }

    private static IEnumerable<(string Name, IEnumerable<ValidationRow> Rows)> Groups(IReadOnlyList<ValidationRow> results)
    {
        yield return ("all", results);
        yield return ("held out", results.Where(r => r.HeldOut));
        foreach (string gpu in results.Select(r => r.Point.Gpu).Distinct().Order(StringComparer.Ordinal))
        {
            yield return ("gpu " + gpu, results.Where(r => r.Point.Gpu == gpu));
            yield return ("gpu " + gpu + ", held out", results.Where(r => r.Point.Gpu == gpu && r.HeldOut));
        }
        foreach (string model in results.Select(r => r.Point.Model).Distinct().Order(StringComparer.Ordinal))
        {
            yield return ("model " + model, results.Where(r => r.Point.Model == model));
        }
    }

    private static string Pct(double fraction) => double.IsFinite(fraction) ? Fmt.Fixed(fraction * 100, 1) + "%" : "-";

    private static string SignedPct(double fraction) => double.IsFinite(fraction) ? (fraction > 0 ? "+" : "") + Fmt.Fixed(fraction * 100, 1) + "%" : "-";
}

using TraceReplay.Reports.Compare;
using TraceReplay.Reports.Runs;
using TraceReplay.Reports.Text;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Report;

/// <summary>The text sections of a report (tables computed from the runs' Parquet files).</summary>
public static class ReportSections
{
    public static IEnumerable<ReportBlock> Runs(IReadOnlyList<RunData> runs)
    {
        yield return new HeadingBlock(2, "Runs");
        yield return new TableBlock(["run", "model", "GPU x TP", "replicas", "scheduler", "cost model", "requests", "input (sha256, first 12)"],
            [.. runs.Select(r => new[]
            {
                $"`{r.Label}`", r.Summary.RunValue("model"), $"{r.Summary.RunValue("gpu")} x {r.Summary.RunValue("tp")}", r.Summary.RunValue("replicas"),
                r.Summary.RunValue("scheduler"), r.Summary.RunValue("cost_model"), Fmt.Int(r.Requests.Count),
                r.Summary.RunValue("input_sha256") is { Length: >= 12 } sha ? sha[..12] : r.Summary.RunValue("input_sha256"),
            })]);
    }

    public static IEnumerable<ReportBlock> AtAGlance(IReadOnlyList<RunData> runs)
    {
        if (runs.Count < 2)
        {
            yield break;
        }
        yield return new HeadingBlock(2, "At a glance");
        var rows = new List<string[]>();
        var wins = new int[runs.Count];
        foreach (string key in ReportBuilder.GlanceMetrics)
        {
            double[] v = [.. runs.Select(r => RunFigures.Metric(r, key))];
            int[] order = [.. Enumerable.Range(0, runs.Count).Where(i => double.IsFinite(v[i]))];
            if (order.Length < 2)
            {
                continue;
            }
            bool lower = ReportBuilder.LowerIsBetter(key);
            int best = order.MinBy(i => lower ? v[i] : -v[i]), worst = order.MaxBy(i => lower ? v[i] : -v[i]);
            wins[best]++;
            string unit = MetricCatalog.Get(key).Unit;
            rows.Add([$"`{key}` ({unit})", $"`{runs[best].Label}`", Fmt.Sig(v[best]), $"`{runs[worst].Label}`", Fmt.Sig(v[worst]),
                Fmt.SignedPct(v[worst] != 0 ? v[best] / v[worst] - 1 : double.NaN)]);
        }
        yield return new TableBlock(["metric (unit)", "best run", "best", "worst run", "worst", "best vs worst (%)"], rows);
        int top = Enumerable.Range(0, runs.Count).MaxBy(i => wins[i]);
        yield return new ParagraphBlock(
            $"**`{runs[top].Label}`** is best on {wins[top]} of {rows.Count} key metrics. Why: compare mean running batch, KV use and HBM traffic per token below " +
            "(bigger batches amortise weight reads; a full KV cache means queueing and preemption).");
    }

    public static IEnumerable<ReportBlock> Headline(IReadOnlyList<RunData> runs)
    {
        yield return new HeadingBlock(2, "Metrics (from requests.parquet and iterations.parquet)");
        var rows = new List<string[]> { Row("completed requests", runs, r => RunFigures.Completed(r)), Row("rejected requests", runs, r => r.Requests.Count - RunFigures.Completed(r)) };
        foreach (MetricDefinition m in ComparedMetrics.All)
        {
            if (m.Optional && runs.All(r => m.Prepare(r) is null))
            {
                continue;
            }
            rows.Add(Row($"`{m.Name}` ({m.Unit})", runs, r => RunFigures.Metric(r, m.Name)));
        }
        rows.Add(Row("mean running batch (sequences)", runs, r => RunFigures.MeanBatch(r.Iterations!)));
        rows.Add(Row("peak KV use (% of one instance)", runs, RunFigures.PeakKvPct));
        rows.Add(Row("iterations", runs, r => r.Iterations!.Count));
        yield return new TableBlock(["metric (unit)", .. runs.Select(r => $"`{r.Label}`")], rows);
    }

    public static IEnumerable<ReportBlock> HbmAndEnergy(IReadOnlyList<RunData> runs)
    {
        yield return new HeadingBlock(2, "HBM traffic and energy (from iterations.parquet)");
        var rows = new List<string[]>();
        foreach (HbmCategory c in HbmCategory.All)
        {
            rows.Add(Row($"HBM {c.Label} (TB)", runs, r => c.TotalBytes(r.Iterations!) / 1e12));
        }
        rows.Add(Row("HBM total (TB)", runs, r => RunFigures.HbmTotalBytes(r.Iterations!) / 1e12));
        rows.Add(Row("HBM per token (MB/token)", runs, r => RunFigures.HbmTotalBytes(r.Iterations!) / 1e6 / RunFigures.Tokens(r)));
        rows.Add(Row("busy energy (J, estimate)", runs, r => RunFigures.BusyEnergyJ(r.Iterations!)));
        rows.Add(Row("idle energy (J, estimate, summary.json)", runs, r => r.Summary[MetricNames.EnergyIdleJ]));
        rows.Add(Row("energy per token (J/token, estimate)", runs, r => (RunFigures.BusyEnergyJ(r.Iterations!) + r.Summary[MetricNames.EnergyIdleJ]) / RunFigures.Tokens(r)));
        yield return new TableBlock(["metric (unit)", .. runs.Select(r => $"`{r.Label}`")], rows);
    }

    /// <summary>Expert parallelism (only when a run used it): layout, load imbalance and weights per GPU, from summary.json.</summary>
    public static IEnumerable<ReportBlock> ExpertParallelism(IReadOnlyList<RunData> runs)
    {
        if (!runs.Any(r => double.IsFinite(r.Summary[MetricNames.EpImbalanceMean])))
        {
            yield break;
        }
        yield return new HeadingBlock(2, "Expert parallelism (from summary.json)");
        yield return new TableBlock(["metric (unit)", .. runs.Select(r => $"`{r.Label}`")],
        [
            ["EP ranks (GPUs per instance, data-parallel attention)", .. runs.Select(r => r.Summary.RunValue("ep") is { Length: > 0 } ep ? ep : "1")],
            ["routing", .. runs.Select(r => $"`{r.Summary.RunValue("routing")}`")],
            Row("`ep_imbalance_mean` (max-rank / mean-rank expert assignments, mean over steps)", runs, r => r.Summary[MetricNames.EpImbalanceMean]),
            Row("`ep_imbalance_max` (worst step)", runs, r => r.Summary[MetricNames.EpImbalanceMax]),
            Row("weights per GPU (GB)", runs, r => r.Summary[MetricNames.WeightBytesPerGpu] / 1e9),
        ]);
        yield return new ParagraphBlock("Each step waits for the rank with the most expert assignments, so an imbalance of 1.5 makes the routed experts' " +
            "time half as long again as a perfectly balanced split would; iterations.parquet's `ep_imbalance` column holds it per step (docs/moe.md).");
    }

    public static IEnumerable<ReportBlock> Notes(IReadOnlyList<RunData> runs)
    {
        yield return new HeadingBlock(2, "Notes");
        string energy = runs[0].Summary.Strings.TryGetValue("energy_note", out string? e) ? e : "estimate";
        yield return new ParagraphBlock($"Energy is an {energy}.");
        yield return new ParagraphBlock(
            "Percentiles are nearest-rank over completed requests and equal summary.json's. `tbt_mean_s` pools every token gap; " +
            "`tbt_max_p99_s` is the p99 over requests of each request's largest gap (summary.json's pooled `tbt_p99_s` needs every gap, which requests.parquet does not keep). " +
            "Time-binned plots count each iteration in the bin where it starts.");
    }

    private static string[] Row(string label, IReadOnlyList<RunData> runs, Func<RunData, double> value) =>
        [label, .. runs.Select(r => Fmt.Sig(value(r)))];
}

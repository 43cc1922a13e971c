using TraceReplay.Reports.Runs;
using TraceReplay.Reports.Text;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Report;

/// <summary>
/// <c>tracereplay report</c>: report.md and a self-contained report.html with PNG and SVG plots under plots/, for one
/// run or several overlaid. Tables are computed from requests.parquet and iterations.parquet; the text carries no
/// timestamps, so the same runs give the same report.md and report.html.
/// </summary>
public static class ReportBuilder
{
    public static readonly DocumentFiles Files = new("report");
    public const string PlotsFolder = "plots";

    /// <summary>Key metrics for the at-a-glance table.</summary>
    public static readonly string[] GlanceMetrics =
        [MetricNames.TtftP99S, MetricNames.TbtMeanS, MetricNames.E2eP99S, MetricNames.SloAttainment, MetricNames.ThroughputTokensPerS, MetricNames.EnergyPerTokenJ];

    public static IReadOnlyList<RunData> LoadRuns(IReadOnlyList<string> directories)
    {
        if (directories.Count == 0)
        {
            throw new ArgumentException("report: name at least one replay output folder");
        }
        var runs = new List<RunData>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string d in directories.SelectMany(RunData.Expand))
        {
            RunData run = RunData.Load(d, withIterations: true);
            int n = seen[run.Label] = seen.GetValueOrDefault(run.Label) + 1;
            runs.Add(n == 1 ? run : run with { Label = $"{run.Label}-{n}" });
        }
        return runs;
    }

    public static IReadOnlyList<ReportBlock> Build(IReadOnlyList<RunData> runs, string outputDir)
    {
        string plots = Path.Combine(outputDir, PlotsFolder);
        var blocks = new List<ReportBlock> { new HeadingBlock(1, "Replay report") };
        blocks.AddRange(ReportSections.Runs(runs));
        blocks.AddRange(ReportSections.AtAGlance(runs));
        blocks.AddRange(ReportSections.Headline(runs));
        blocks.AddRange(ReportSections.HbmAndEnergy(runs));
        blocks.AddRange(PrefixCacheSection.Blocks(runs));
        blocks.AddRange(DisaggregationSection.Blocks(runs));
        blocks.AddRange(ReportSections.ExpertParallelism(runs));
        blocks.Add(new HeadingBlock(2, "Plots"));
        blocks.Add(FigureBlock.Save(ReportPlots.TtftCdf(runs), plots, "ttft_cdf", "TTFT CDF: further left and steeper is better."));
        blocks.Add(FigureBlock.Save(ReportPlots.TokenGapCdf(runs), plots, "token_gap_cdf",
            "CDF of each request's mean token gap (requests.parquet keeps per-request gap statistics, not every gap)."));
        blocks.Add(FigureBlock.Save(ReportPlots.LatencyOverTime(runs), plots, "latency_over_time", "TTFT p99 of the requests arriving in each time bin: where queues build up."));
        blocks.Add(FigureBlock.Save(ReportPlots.BatchOverTime(runs), plots, "batch_over_time", "Running sequences per iteration (decodes + prefill pieces), time-averaged per bin."));
        blocks.Add(FigureBlock.Save(ReportPlots.KvOverTime(runs), plots, "kv_over_time", "KV-cache blocks in use as a share of all instances' capacity, time-averaged per bin."));
        blocks.Add(FigureBlock.Save(ReportPlots.HbmByCategory(runs), plots, "hbm_by_category", "HBM bytes moved, by what they are, summed over iterations and GPUs."));
        blocks.Add(FigureBlock.Save(ReportPlots.EnergyPerToken(runs), plots, "energy_per_token", "Estimated energy per prompt + generated token (model estimate, not measured)."));
        blocks.AddRange(ReportSections.Notes(runs));
        return blocks;
    }

    /// <summary>Builds and writes report.md, report.html and plots/ into <paramref name="outputDir"/>.</summary>
    public static void Write(IReadOnlyList<RunData> runs, string outputDir)
    {
        ReportDocument.Write(Build(runs, outputDir), outputDir, Files, "Replay report: " + string.Join(" vs ", runs.Select(r => r.Label)));
    }

    internal static string Value(double v) => Fmt.Sig(v);

    internal static bool LowerIsBetter(string metric) => MetricCatalog.Find(metric)?.Better != Better.Higher;
}

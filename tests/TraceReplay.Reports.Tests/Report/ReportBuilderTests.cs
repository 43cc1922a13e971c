using SkiaSharp;
using TraceReplay.Reports.Report;
using TraceReplay.Reports.Runs;
using TraceReplay.Reports.Tests.Infrastructure;

namespace TraceReplay.Reports.Tests.Report;

public sealed class ReportBuilderTests
{
    private static readonly string[] s_plots =
        ["ttft_cdf", "token_gap_cdf", "latency_over_time", "batch_over_time", "kv_over_time", "hbm_by_category", "energy_per_token"];

    [Fact]
    public void Writes_markdown_html_and_non_empty_plots()
    {
        using var tmp = new TempDir();
        ReportBuilder.Write(ReportBuilder.LoadRuns([SharedRuns.Sarathi, SharedRuns.Vllm]), tmp.Path);
        Assert.True(File.Exists(tmp.Sub("report.md")));
        string html = File.ReadAllText(tmp.Sub("report.html"));
        Assert.DoesNotContain("src=\"http", html); // self-contained
        foreach (string name in s_plots)
        {
            string png = Path.Combine(tmp.Path, "plots", name + ".png");
            using SKBitmap bmp = SKBitmap.Decode(png) ?? throw new InvalidDataException($"{png} is not a PNG");
            Assert.Equal((PlotFile.Width, PlotFile.Height), (bmp.Width, bmp.Height));
            // A plot with data has lines in several colours, not a blank canvas.
            int distinct = bmp.Pixels.Distinct().Count();
            Assert.True(distinct > 20, $"{name}.png has only {distinct} colours");
            string svg = File.ReadAllText(Path.Combine(tmp.Path, "plots", name + ".svg"));
            Assert.Contains("<svg", svg);
            Assert.Contains($"<figure id=\"{name}\">", html);
        }
    }

    [Fact]
    public void Markdown_tables_match_the_parquet_data_read_by_duckdb()
    {
        using var tmp = new TempDir();
        ReportBuilder.Write(ReportBuilder.LoadRuns([SharedRuns.Sarathi, SharedRuns.Vllm]), tmp.Path);
        string md = File.ReadAllText(tmp.Sub("report.md"));
        List<string[]> metrics = MarkdownTables.After(md, "Metrics");
        List<string[]> hbm = MarkdownTables.After(md, "HBM traffic and energy");
        foreach ((string dir, string label) in new[] { (SharedRuns.Sarathi, "`sarathi`"), (SharedRuns.Vllm, "`vllm`") })
        {
            string req = DuckDb.Q(Path.Combine(dir, "requests.parquet")), it = DuckDb.Q(Path.Combine(dir, "iterations.parquet"));
            double[] ttft = [.. DuckDb.Rows($"SELECT ttft_s FROM {req} WHERE ttft_s IS NOT NULL ORDER BY ttft_s").Select(r => (double)r[0]!)];
            Close(NearestRank(ttft, 0.99), MarkdownTables.Cell(metrics, "`ttft_p99_s`", label));
            Close(NearestRank(ttft, 0.50), MarkdownTables.Cell(metrics, "`ttft_p50_s`", label));
            Close(DuckDb.Double($"SELECT count(*) FROM {req} WHERE status = 'completed'"), MarkdownTables.Cell(metrics, "completed requests", label));
            Close(DuckDb.Double($"SELECT avg(CASE WHEN slo_met THEN 1.0 ELSE 0.0 END) FROM {req}"), MarkdownTables.Cell(metrics, "`slo_attainment`", label));
            Close(DuckDb.Double($"SELECT sum(tbt_mean_s * (generated_tokens - 1)) / sum(generated_tokens - 1) FROM {req} WHERE tbt_mean_s IS NOT NULL"),
                MarkdownTables.Cell(metrics, "`tbt_mean_s`", label));
            Close(DuckDb.Double($"SELECT count(*) FROM {it}"), MarkdownTables.Cell(metrics, "iterations", label));
            Close(DuckDb.Double($"SELECT sum(hbm_kv_read_bytes) / 1e12 FROM {it}"), MarkdownTables.Cell(hbm, "HBM KV read", label));
            Close(DuckDb.Double($"SELECT sum(hbm_total_bytes) / 1e12 FROM {it}"), MarkdownTables.Cell(hbm, "HBM total", label));
            Close(DuckDb.Double($"SELECT sum(energy_j) FROM {it}"), MarkdownTables.Cell(hbm, "busy energy", label));
        }
    }

    [Fact]
    public void Same_runs_give_byte_identical_markdown_and_html()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        ReportBuilder.Write(ReportBuilder.LoadRuns([SharedRuns.Sarathi, SharedRuns.SarathiA100]), a.Path);
        ReportBuilder.Write(ReportBuilder.LoadRuns([SharedRuns.Sarathi, SharedRuns.SarathiA100]), b.Path);
        Assert.Equal(File.ReadAllBytes(a.Sub("report.md")), File.ReadAllBytes(b.Sub("report.md")));
        Assert.Equal(File.ReadAllBytes(a.Sub("report.html")), File.ReadAllBytes(b.Sub("report.html")));
        string md = File.ReadAllText(a.Sub("report.md"));
        Assert.Contains("**`sarathi`** is best on", md); // the H100 run beats the A100 run on the same trace
    }

    [Fact]
    public void A_folder_that_is_not_a_replay_output_is_a_clear_error()
    {
        using var tmp = new TempDir();
        var ex = Assert.Throws<FileNotFoundException>(() => RunData.Load(tmp.Path, true));
        Assert.Contains("summary.json", ex.Message);
    }

    [Fact]
    public void A_folder_of_runs_is_expanded_to_its_run_subfolders_in_order()
    {
        // SharedRuns' root holds sarathi/, sarathi-again/, sarathi-a100/ and vllm/, as `replay --scheduler a,b -o DIR` writes.
        string root = Path.GetDirectoryName(SharedRuns.Sarathi)!;
        IReadOnlyList<RunData> runs = ReportBuilder.LoadRuns([root]);
        Assert.Equal(["sarathi", "sarathi-a100", "sarathi-again", "vllm"], runs.Select(r => r.Label));
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Sub("not-a-run"));
        var ex = Assert.Throws<FileNotFoundException>(() => ReportBuilder.LoadRuns([tmp.Path]));
        Assert.Contains("no summary.json in it or in its subfolders", ex.Message);
    }

    private static double NearestRank(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static void Close(double expected, double fromMarkdown) =>
        Assert.True(Math.Abs(expected - fromMarkdown) <= 1e-3 * Math.Max(Math.Abs(expected), 1e-12), $"markdown {fromMarkdown} vs parquet {expected}");
}

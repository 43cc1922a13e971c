using System.Globalization;
using System.Text;
using System.Text.Json;
using TraceReplay.Benchmarks.Replay;

namespace TraceReplay.Benchmarks.Measure;

/// <summary>
/// <c>report BDN_DIR MEASUREMENTS.jsonl MACHINE.txt OUT.md</c>: the issue's four tables from BenchmarkDotNet's JSON
/// (timings, allocations) and the fresh-process measurements (iteration counts, peak RSS, scaling, ingest).
/// </summary>
public static class ReportCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        (List<BdnCase> bdn, string host) = BdnCase.Load(args[1]);
        List<Measurement> measured = [.. File.ReadLines(args[2]).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Measurement>(l)!)];
        var md = new StringBuilder();
        md.AppendLine("## Machine").AppendLine().AppendLine(host).AppendLine().AppendLine(File.ReadAllText(args[3]).Trim()).AppendLine();
        Throughput(md, bdn, measured);
        Scaling(md, bdn, measured);
        HotLoop(md, bdn, measured);
        Ingest(md, bdn, measured);
        ColdCliReport.Write(md, bdn, measured);
        File.WriteAllText(args[4], md.ToString());
        Console.WriteLine($"wrote {args[4]}");
        return 0;
    }

    private static void Throughput(StringBuilder md, List<BdnCase> bdn, List<Measurement> measured)
    {
        md.AppendLine("## 1. Replay throughput: Azure 2023 conv trace (19,366 requests)").AppendLine()
            .AppendLine("Wall time: BenchmarkDotNet mean ± sd of the replay alone (no output files, warm JIT). Peak RSS and \"with outputs\": one")
            .AppendLine("fresh process per row that also writes requests.parquet, iterations.parquet and summary.json (cold JIT included).").AppendLine()
            .AppendLine("| configuration | cost model | wall (s) | requests/s | iterations | iterations/s | allocated (KB/replay) | allocated (B/iteration) | with outputs, cold (s) | peak RSS (MiB) |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (BdnCase c in bdn.Where(c => c.Type == nameof(ReplayBenchmarks)))
        {
            Measurement? m = measured.LastOrDefault(x => x.Kind == "replay" && x.Name == c.Param("Config") && x.CostModel == c.Param("CostModel") && x.Tile == 1);
            double s = c.MeanNs * 1e-9;
            md.AppendLine(Inv, $"| {c.Param("Config")} | {c.Param("CostModel")} | {s:F3} ± {c.StdDevNs * 1e-9:F3} | {Rate(m?.Rows, s)} | {m?.Iterations:N0} | {Rate(m?.Iterations, s)} | {c.AllocatedBytes / 1024.0:N0} | {PerIteration(c.AllocatedBytes, m)} | {m?.WallS:F2} | {Mb(m?.PeakRssBytes)} |");
        }
        md.AppendLine();
    }

    private static void Scaling(StringBuilder md, List<BdnCase> bdn, List<Measurement> measured)
    {
        md.AppendLine("## 2. Scaling: the trace tiled in time").AppendLine()
            .AppendLine("Fresh process per row, outputs written (requests.parquet, iterations.parquet, summary.json), calibrated, cold JIT included:").AppendLine()
            .AppendLine("| configuration | tiling | requests | iterations | TTFT p99 (s) | wall (s) | wall ratio per 10x | requests/s | peak RSS (MiB) | allocated (MB) |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (IGrouping<string, Measurement> g in measured.Where(x => x.Kind == "replay" && x.CostModel == "calibrated").GroupBy(x => x.Name))
        {
            Measurement? previous = null;
            foreach (Measurement m in g.GroupBy(x => x.Tile).Select(t => t.Last()).OrderBy(x => x.Tile))
            {
                string ratio = previous is null ? "" : (m.WallS / previous.WallS).ToString("F1", Inv) + "x";
                md.AppendLine(Inv, $"| {m.Name} | {m.Tile}x | {m.Rows:N0} | {m.Iterations:N0} | {m.TtftP99S:G4} | {m.WallS:F2} | {ratio} | {Rate(m.Rows, m.WallS)} | {Mb(m.PeakRssBytes)} | {m.AllocatedBytes / 1e6:N0} |");
                previous = m;
            }
        }
        md.AppendLine().AppendLine("Engine alone (BenchmarkDotNet, warm, no outputs). Steady-state allocation = (allocated at 10x - at 1x) / (extra iterations, or extra requests).").AppendLine()
            .AppendLine("| configuration | 1x (s) | 10x (s) | ratio | allocated 1x (KB) | allocated 10x (KB) | steady-state (B/iteration) | steady-state (B/request) |")
            .AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (IGrouping<string, BdnCase> g in bdn.Where(c => c.Type == nameof(ScalingBenchmarks)).GroupBy(c => c.Param("Config")))
        {
            BdnCase? one = g.FirstOrDefault(c => c.Param("Tile") == "1"), ten = g.FirstOrDefault(c => c.Param("Tile") == "10");
            Measurement? m1 = measured.LastOrDefault(x => x.Kind == "replay" && x.Name == g.Key && x.CostModel == "calibrated" && x.Tile == 1);
            Measurement? m10 = measured.LastOrDefault(x => x.Kind == "replay" && x.Name == g.Key && x.CostModel == "calibrated" && x.Tile == 10);
            if (one is null || ten is null)
            {
                continue;
            }
            double extra = ten.AllocatedBytes - one.AllocatedBytes;
            string perIteration = m1 is null || m10 is null ? "" : (extra / (m10.Iterations - m1.Iterations)).ToString("F2", Inv);
            string perRequest = m1 is null || m10 is null ? "" : (extra / (m10.Rows - m1.Rows)).ToString("F1", Inv);
            md.AppendLine(Inv, $"| {g.Key} | {one.MeanNs * 1e-9:F3} | {ten.MeanNs * 1e-9:F3} | {ten.MeanNs / one.MeanNs:F1}x | {one.AllocatedBytes / 1024.0:N0} | {ten.AllocatedBytes / 1024.0:N0} | {perIteration} | {perRequest} |");
        }
        md.AppendLine();
    }

    private static void HotLoop(StringBuilder md, List<BdnCase> bdn, List<Measurement> measured)
    {
        md.AppendLine("## 3. Hot loop: scalar against vectorized").AppendLine()
            .AppendLine("Per operator-graph evaluation (one iteration's cost: Qwen3-30B-A3B TP 2, 256 decodes + one 256-token chunk):").AppendLine()
            .AppendLine("| path | cost model | ns/evaluation | allocated (B/evaluation) |").AppendLine("|---|---|---|---|");
        foreach (BdnCase c in bdn.Where(c => c.Type == nameof(IterationCostBenchmarks)))
        {
            md.AppendLine(Inv, $"| {c.Method} | {c.Param("CostModel")} | {c.MeanNs:N0} | {c.AllocatedBytes:N0} |");
        }
        md.AppendLine().AppendLine("Per replay iteration (whole Azure conv replay, qwen3-30b-a3b-2xh100-layered, calibrated, no outputs):").AppendLine()
            .AppendLine("| path | wall (s) | ns/iteration | allocated (B/iteration) |").AppendLine("|---|---|---|---|");
        Measurement? layered = measured.LastOrDefault(x => x.Kind == "replay" && x.Name == "qwen3-30b-a3b-2xh100-layered" && x.CostModel == "calibrated" && x.Tile == 1);
        foreach (BdnCase c in bdn.Where(c => c.Type == nameof(HotLoopBenchmarks)))
        {
            string perIteration = layered is null ? "" : (c.MeanNs / layered.Iterations).ToString("N0", Inv);
            md.AppendLine(Inv, $"| {c.Param("Path")} | {c.MeanNs * 1e-9:F3} ± {c.StdDevNs * 1e-9:F3} | {perIteration} | {PerIteration(c.AllocatedBytes, layered)} |");
        }
        md.AppendLine();
    }

    private static void Ingest(StringBuilder md, List<BdnCase> bdn, List<Measurement> measured)
    {
        md.AppendLine("## 4. Ingest").AppendLine()
            .AppendLine("Wall: BenchmarkDotNet mean per file (warm); peak RSS and cold wall: one fresh process.").AppendLine()
            .AppendLine("| input | rows | MB | wall (s) | rows/s | MB/s | allocated (MB) | cold wall (s) | peak RSS (MiB) |").AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (Measurement m in measured.Where(x => x.Kind.StartsWith("ingest", StringComparison.Ordinal)))
        {
            BdnCase? c = m.Kind == "ingest-requests"
                ? bdn.FirstOrDefault(b => b.Method == "IngestAzureCsv")
                : bdn.FirstOrDefault(b => b.Method == "IngestKernelTrace" && b.Param("Sample") == m.Name);
            double s = c?.MeanNs * 1e-9 ?? m.WallS;
            md.AppendLine(Inv, $"| {m.Name} | {m.Rows:N0} | {m.InputBytes / 1e6:F1} | {s:F2} | {Rate(m.Rows, s)} | {m.InputBytes / 1e6 / s:F1} | {(c is null ? "" : (c.AllocatedBytes / 1e6).ToString("N0", Inv))} | {m.WallS:F2} | {Mb(m.PeakRssBytes)} |");
        }
        md.AppendLine();
    }

    private static string Rate(long? count, double seconds) => count is { } n && seconds > 0 ? (n / seconds).ToString("N0", Inv) : "";

    private static string Mb(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("N0", Inv) : "";

    private static string PerIteration(long allocated, Measurement? m) =>
        m is { Iterations: > 0 } ? (allocated / (double)m.Iterations).ToString("F2", Inv) : "";
}

using System.Text.Json;
using TraceReplay.Benchmarks.Measure;

namespace TraceReplay.Benchmarks.Cli;

/// <summary>
/// <c>measure RESULTS cold-cli RUNS</c>: RUNS fresh CLI processes with TRACEREPLAY_PHASES=1; appends, as JSON lines,
/// the median wall and CPU time of each phase, of the whole process and summary.json's <c>wall_s</c>
/// (kind <c>cold-cli</c>; the report's section 5 and BENCHMARKS.md's "Cold CLI" table read them).
/// </summary>
public static class ColdCliMeasure
{
    public const string WholeProcess = "whole process (fresh process, measured outside)";
    public const string SummaryWall = "wall_s in summary.json";

    public static int Run(string results, int runs)
    {
        if (runs < 1)
        {
            throw new ArgumentException($"measure cold-cli: RUNS must be >= 1, got {runs}");
        }
        var all = new List<ColdCli.Run>();
        for (int i = 0; i < runs; i++)
        {
            all.Add(ColdCli.Once(phases: true));
        }
        List<List<(string Phase, double WallMs, double CpuMs)>> tables = [.. all.Select(r => ColdCli.Phases(r.Stderr))];
        var lines = new List<Measurement>();
        foreach (string phase in tables[0].Select(p => p.Phase))
        {
            // A phase's median over the runs: each run prints the same phases in the same order.
            var rows = tables.Select(t => t.Single(p => p.Phase == phase)).ToList();
            lines.Add(Line(phase, Median(rows.Select(r => r.WallMs)), Median(rows.Select(r => r.CpuMs))));
        }
        lines.Add(Line(WholeProcess, Median(all.Select(r => r.ProcessWallMs)), double.NaN));
        lines.Add(Line(SummaryWall, Median(all.Select(r => r.WallS * 1000)), double.NaN));
        foreach (Measurement m in lines)
        {
            string json = JsonSerializer.Serialize(m);
            File.AppendAllText(results, json + "\n");
            Console.WriteLine(json);
        }
        return 0;
    }

    private static Measurement Line(string phase, double wallMs, double cpuMs) => new()
    {
        Kind = "cold-cli",
        Name = phase,
        Rows = 19_366,
        WallS = wallMs / 1000,
        CpuS = double.IsNaN(cpuMs) ? -1 : cpuMs / 1000,
    };

    /// <summary>The median of the finite values (NaN where none is: a phase without a CPU figure).</summary>
    private static double Median(IEnumerable<double> values)
    {
        double[] v = [.. values.Where(double.IsFinite).Order()];
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}

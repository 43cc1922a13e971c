using System.Globalization;
using System.Text;
using TraceReplay.Benchmarks.Cli;

namespace TraceReplay.Benchmarks.Measure;

/// <summary>Section 5 of the bench report: the cold CLI run's phases and issue 15's two cold-run goals.</summary>
public static class ColdCliReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Vidur's end-to-end time for the same job on the same kind of machine (issue 15).</summary>
    private const double VidurEndToEndS = 45.5;

    public static void Write(StringBuilder md, List<BdnCase> bdn, List<Measurement> measured)
    {
        List<Measurement> phases = [.. measured.Where(m => m.Kind == "cold-cli")];
        BdnCase? whole = bdn.FirstOrDefault(c => c.Type == nameof(ColdCliBenchmarks));
        if (phases.Count == 0 && whole is null)
        {
            return;
        }
        md.AppendLine("## 5. Cold CLI (issue 15)").AppendLine()
            .AppendLine($"`tracereplay replay --requests {ColdCli.Trace} --model codellama-34b --gpu a100 --tp 2 --scheduler sarathi --chunk-tokens 512 -o DIR`")
            .AppendLine("from the published CLI (`make build`), a fresh process each time, all outputs written. Phases: median of the `measure cold-cli`")
            .AppendLine("runs with TRACEREPLAY_PHASES=1 (CPU = all threads, JIT and GC included; the input read runs inside the loop and has no CPU column).").AppendLine()
            .AppendLine("| phase | wall (ms) | CPU (ms) |").AppendLine("|---|---:|---:|");
        foreach (Measurement m in phases)
        {
            md.AppendLine(Inv, $"| {m.Name} | {m.WallS * 1000:F0} | {(m.CpuS < 0 ? "-" : (m.CpuS * 1000).ToString("F0", Inv))} |");
        }
        md.AppendLine();
        Measurement? process = phases.LastOrDefault(m => m.Name == ColdCliMeasure.WholeProcess);
        Measurement? wallS = phases.LastOrDefault(m => m.Name == ColdCliMeasure.SummaryWall);
        double processS = whole?.MeanNs * 1e-9 ?? process?.WallS ?? double.NaN;
        string source = whole is null ? "median of the measured runs" : "BenchmarkDotNet ColdCliBenchmarks mean";
        md.AppendLine(Inv, $"- whole process <= 0.5 s: {processS:F2} s ({source}; {VidurEndToEndS / processS:F0}x Vidur's {VidurEndToEndS} s): {Verdict(processS <= 0.5)}")
            .AppendLine(Inv, $"- `wall_s` <= 0.25 s: {(wallS is null ? "not measured" : (wallS.WallS).ToString("F2", Inv) + " s")}: {Verdict(wallS is not null && wallS.WallS <= 0.25)}")
            .AppendLine();
    }

    private static string Verdict(bool met) => met ? "**met**" : "**not met**";
}

using System.CommandLine;
using Spectre.Console;
using TraceReplay.Reports.Report;
using TraceReplay.Reports.Runs;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay report</c>: report.md and a self-contained report.html with plots, for one or several replays.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var dirs = new Argument<string[]>("DIR") { Description = "Replay output folders (summary.json, requests.parquet, iterations.parquet), or folders of them (each subfolder with a summary.json is a run)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Folder for report.md, report.html and plots/ (default: the single DIR, or ./report for several)" };
        return CommandBuilder.Create("report",
            "Write report.md and a self-contained report.html with PNG and SVG plots (TTFT and token-gap CDFs, latency over " +
            "trace time, running batch and KV-cache use over time, HBM traffic by category, energy per token); several runs are " +
            "overlaid, one colour per run, with an at-a-glance table of which run is best.",
            [
                "tracereplay report out/sarathi",
                "tracereplay report out/demo                      (every run under out/demo: sarathi/, layered/)",
                "tracereplay report out/demo/sarathi out/demo/layered -o out/demo/report",
            ],
            [dirs, output],
            parse =>
            {
                string[] d = parse.GetValue(dirs)!;
                string outDir = parse.GetValue(output) ?? (d.Length == 1 ? d[0] : "report");
                IReadOnlyList<RunData> runs = ReportBuilder.LoadRuns(d);
                ReportBuilder.Write(runs, outDir);
                AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(Path.Combine(outDir, ReportBuilder.Files.Markdown))}[/], {Markup.Escape(Path.Combine(outDir, ReportBuilder.Files.Html))} and {Markup.Escape(Path.Combine(outDir, ReportBuilder.PlotsFolder))}/ ({runs.Count} run(s))");
                return 0;
            });
    }
}

using System.CommandLine;
using Spectre.Console;
using TraceReplay.Core.IO;
using TraceReplay.Reports.Sweeps;
using TraceReplay.Reports.Text;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay merge</c>: joins sweep shards into the sweep.parquet an unsharded run would write, then reports.</summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("SHARDS") { Description = "Shard files, or folders holding sweep-shard-*.parquet", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Output folder for sweep.parquet, sweep.md, sweep.html and plots/", Required = true };
        var target = new Option<double>("--slo-target") { Description = "Goodput: attainment a rate must reach (fraction)", DefaultValueFactory = _ => 0.9 };
        return CommandBuilder.Create("merge",
            "Join the shard files of a sweep (checks they come from the same grid and that every shard and grid point is there " +
            "once) into sweep.parquet, row for row what an unsharded run writes, and write the sweep report. Query it with " +
            "DuckDB.",
            [
                "tracereplay merge out/sweep -o out/sweep",
                "tracereplay merge shards/sweep-shard-*.parquet -o out/sweep && duckdb -c \"SELECT * FROM 'out/sweep/sweep.parquet'\"",
            ],
            [inputs, output, target],
            parse =>
            {
                string[] files = [.. parse.GetValue(inputs)!.SelectMany<string, string>(p => Directory.Exists(p)
                    ? Directory.GetFiles(p, "sweep-shard-*-of-*.parquet").Order(StringComparer.Ordinal)
                    : [p])];
                string outDir = parse.GetValue(output)!;
                OutputGuard.RefuseFileOverInputs(Path.Combine(outDir, SweepParquet.FileName), files);
                (IReadOnlyList<SweepRow> rows, IReadOnlyDictionary<string, string> meta) = SweepMerger.Merge(files);
                Directory.CreateDirectory(outDir);
                SweepParquet.Write(Path.Combine(outDir, SweepParquet.FileName), rows, meta);
                AnsiConsole.MarkupLine($"merged {files.Length} shard file(s), {rows.Count} rows, into [bold]{Markup.Escape(Path.Combine(outDir, SweepParquet.FileName))}[/]");
                Summarize(rows, meta, parse.GetValue(target), outDir);
                return 0;
            });
    }

    /// <summary>Writes the sweep report and prints the goodput table.</summary>
    internal static void Summarize(IReadOnlyList<SweepRow> rows, IReadOnlyDictionary<string, string> meta, double target, string outDir)
    {
        SweepReport.Write(rows, meta, target, outDir);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("configuration", "goodput (req/s)", "SLO attainment there (%)", "note");
        foreach (GoodputRow g in SweepAnalysis.Goodput(rows, target))
        {
            table.AddRow(Markup.Escape(g.Config), double.IsFinite(g.GoodputRps) ? RateList.Format(g.GoodputRps) : "-", Fmt.Sig(g.AttainmentAtGoodput * 100), Markup.Escape(g.Note));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]report: {Markup.Escape(Path.Combine(outDir, SweepReport.Files.Markdown))}, {Markup.Escape(Path.Combine(outDir, SweepReport.Files.Html))}[/]");
    }
}

using System.CommandLine;
using TraceReplay.Cli.Commands;

namespace TraceReplay.Cli;

/// <summary>The command tree, in pipeline order: ingest -> calibrate -> replay -> report.</summary>
public static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "TraceReplay: hardware-accurate, trace-driven replay of LLM inference serving.\n" +
            "Pipeline: ingest (kernel traces, request logs -> Parquet) -> calibrate (per-kernel models) -> " +
            "replay (schedulers) -> report.\n\n" +
            "Examples:\n" +
            "  tracereplay models\n" +
            "  tracereplay gpus\n" +
            "  tracereplay analyze intensity --model qwen3-30b-a3b --gpu h100 --batch 64 --context 4096 --tp 2");
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(GpusCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        return root;
    }

    public static int Run(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // Tables written to a file or pipe should not wrap at the 80-column default.
            Spectre.Console.AnsiConsole.Profile.Width = 200;
        }
        try
        {
            return Build().Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is InvalidDataException or KeyNotFoundException or FormatException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }
}

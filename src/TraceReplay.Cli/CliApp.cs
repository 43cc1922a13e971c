using System.CommandLine;
using TraceReplay.Cli.Commands;
using TraceReplay.Cli.Errors;

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
            "  tracereplay analyze intensity --model qwen3-30b-a3b --gpu h100 --batch 64 --context 4096 --tp 2\n\n" +
            "`tracereplay COMMAND --help` shows a command's whole description, options and examples.");
        // Pipeline order: ingest -> calibrate -> replay -> report, then analysis and catalogues.
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(CaptureCommand.Create());
        root.Subcommands.Add(CalibrateCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(IterationCheckCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(GpusCommand.Create());
        CompactRootHelp.Apply(root);
        return root;
    }

    /// <summary>Runs one command line; every exception becomes one stderr line and an exit code (<see cref="ErrorMapper"/>).</summary>
    public static int Run(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // Tables written to a file or pipe should not wrap at the 80-column default.
            Spectre.Console.AnsiConsole.Profile.Width = 200;
        }
        try
        {
            ParseResult parse = Build().Parse(args);
            Replay.PhaseClock.Mark("command line: build the command tree, parse");
            // capture stops on Ctrl+C and writes what it recorded (its own cancellation); every other command is ended
            // by SIGINT/SIGTERM with its temp files removed.
            using Interrupts? interrupts = parse.CommandResult.Command.Name == "capture" ? null : Interrupts.Register();
            int code = parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            // A usage error (unknown option, missing argument, bad value) is exit 2 for every command, like bad input;
            // System.CommandLine's parse-error action prints the errors and help but returns 1. (--help wins over
            // errors such as a missing required option: its action runs instead and exits 0.)
            return parse.Action is System.CommandLine.Invocation.ParseErrorAction ? ExitCodes.InputError : code;
        }
        catch (Exception ex)
        {
            return ErrorMapper.Report(ex, Console.Error);
        }
    }
}

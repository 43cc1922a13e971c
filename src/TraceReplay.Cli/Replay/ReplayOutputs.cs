using TraceReplay.Core.IO;
using TraceReplay.Simulation.Output;

namespace TraceReplay.Cli.Replay;

/// <summary>The files <c>replay -o DIR</c> writes, checked against the inputs before anything is written.</summary>
internal static class ReplayOutputs
{
    public static IEnumerable<string> Files(string outDir, IReadOnlyList<string> schedulers) =>
        (schedulers.Count == 1 ? [outDir] : schedulers.Select(s => Path.Combine(outDir, s)))
        .SelectMany(d => new[] { ReplayOutputSink.RequestsFile, ReplayOutputSink.IterationsFile, SummaryJsonWriter.FileName }.Select(f => Path.Combine(d, f)));

    /// <summary>Inputs that are not files (catalogue names) are skipped; a calibration folder counts by its files.</summary>
    public static void RefuseOverwritingInputs(string outDir, IReadOnlyList<string> schedulers, IEnumerable<string?> inputs)
    {
        string[] files = [.. inputs.OfType<string>().SelectMany(i => Directory.Exists(i) ? Directory.GetFiles(i) : File.Exists(i) ? [i] : [])];
        foreach (string output in Files(outDir, schedulers))
        {
            OutputGuard.RefuseFileOverInputs(output, files, "-o " + outDir + ": output");
        }
    }
}

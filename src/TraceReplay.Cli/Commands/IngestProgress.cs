using System.Diagnostics;
using Spectre.Console;
using TraceReplay.Core.IO;
using TraceReplay.Ingest;
using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Cli.Commands;

/// <summary>Runs an ingest with a live rows/s display on a terminal, or a plain summary when output is redirected.</summary>
internal static class IngestProgress
{
    /// <summary>
    /// Refuses an <paramref name="output"/> that would overwrite one of <paramref name="inputs"/>, then runs
    /// <paramref name="ingest"/> with a fresh context whose reject sink allows <paramref name="maxErrors"/> bad rows.
    /// </summary>
    public static int Run(string output, IEnumerable<string> inputs, long maxErrors, Func<IngestContext, Task<IngestCounts>> ingest)
    {
        OutputGuard.RefuseFileOverInputs(output, inputs);
        var context = new IngestContext(new RejectSink(maxErrors));
        var clock = Stopwatch.StartNew();
        Task<IngestCounts> task = Task.Run(() => ingest(context));
        if (!Console.IsOutputRedirected && !Console.IsErrorRedirected)
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
                .Start(p =>
                {
                    ProgressTask bar = p.AddTask("reading").IsIndeterminate();
                    while (!task.Wait(250))
                    {
                        bar.Description = $"rows read {context.RowsRead:N0} ({context.RowsRead / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):N0} rows/s)";
                    }
                    bar.StopTask();
                });
        }
        IngestCounts counts = task.GetAwaiter().GetResult();
        double seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
        Console.WriteLine(counts.Summary);
        if (counts.RowsFailed > 0)
        {
            Console.WriteLine($"rows flagged failed by the source (kept, not replayed): {counts.RowsFailed:N0}");
        }
        foreach (IngestError e in context.Rejects.First)
        {
            Console.WriteLine($"rejected: {e}");
        }
        if (counts.RowsRejected > 0)
        {
            Console.WriteLine($"rejected rows: {output}.rejected.csv");
        }
        Console.WriteLine($"wrote {output} in {seconds:F2} s ({counts.RowsRead / seconds:N0} rows/s)");
        return 0;
    }
}

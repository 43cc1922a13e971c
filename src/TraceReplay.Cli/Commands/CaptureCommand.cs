using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TraceReplay.Capture.Live;
using TraceReplay.Cli.Display;
using TraceReplay.Instrumentation;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay capture --pid N</c>: records a running .NET gateway's requests over EventPipe.</summary>
public static class CaptureCommand
{
    public static Command Create()
    {
        var pid = new Option<int>("--pid", "-p") { Description = "Process id of the running .NET gateway (it references TraceReplay.Instrumentation)", Required = true };
        var duration = new Option<double?>("--duration", "-d") { Description = "Seconds to record; without it, until Ctrl+C or the process exits" };
        var output = new Option<string>("--output", "-o") { Description = "Canonical request Parquet to write (atomically)", Required = true };
        Option<bool> json = CommonOptions.Json();
        return CommandBuilder.Create("capture",
            $"Attach to a running .NET process through an EventPipe session, record its {RequestEventSource.ProviderName} events " +
            "(request arrived with prompt tokens, first token, completed with output tokens) and write the completed requests " +
            "as canonical request Parquet, ready to replay. arrival_ns is relative to the first arrival written; the absolute " +
            "start is in the file metadata. Requests still running when the capture ends are counted and reported, not written.",
            [
                "tracereplay capture --pid 4242 --duration 600 -o requests.parquet",
                "tracereplay capture --pid $(pgrep -f MyGateway) -o requests.parquet   # until Ctrl+C",
            ],
            [pid, duration, output, json],
            async (parse, cancel) =>
            {
                int p = parse.GetValue(pid);
                double? seconds = parse.GetValue(duration);
                if (seconds is <= 0 or double.NaN)
                {
                    throw new ArgumentException($"--duration must be a positive number of seconds, got {seconds}");
                }
                string path = parse.GetValue(output)!;
                LiveCaptureResult result = await Record(p, seconds, cancel).ConfigureAwait(false);
                long written = await CapturedRequestWriter.WriteAsync(path, result).ConfigureAwait(false);
                Report(result, written, path, parse.GetValue(json));
                return result.EventsLost > 0 ? 3 : 0;
            });
    }

    private static async Task<LiveCaptureResult> Record(int pid, double? seconds, CancellationToken cancel)
    {
        await using LiveCaptureSession session = await LiveCaptureSession.StartAsync(pid, cancel).ConfigureAwait(false);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"capturing {RequestEventSource.ProviderName} from process {pid} {(seconds is double s ? $"for {s} s" : "until Ctrl+C or exit")}"));
        Task wait = seconds is double d ? Task.Delay(TimeSpan.FromSeconds(d), cancel) : Task.Delay(Timeout.Infinite, cancel);
        try
        {
            await Task.WhenAny(wait, session.Ended).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop and keep what was recorded.
        }
        return await session.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static void Report(LiveCaptureResult r, long written, string path, bool asJson)
    {
        double[] ttft = [.. r.Completed.Where(c => c.TtftSeconds is not null).Select(c => c.TtftSeconds!.Value * 1e3).Order()];
        double[] e2e = [.. r.Completed.Select(c => c.E2eSeconds * 1e3).Order()];
        var summary = new CaptureJson(path, r.Pid, r.DurationSeconds, written, r.PromptTokens, r.OutputTokens, r.IncompleteIds.Count,
            r.OrphanEvents, r.DuplicateArrivals, r.EventsRead, r.EventsLost, Median(ttft), Median(e2e));
        if (asJson)
        {
            CliJson.Print(summary, CliJsonContext.Default.CaptureJson);
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("quantity", "value");
        table.AddRow("requests written", written.ToString(CultureInfo.InvariantCulture));
        table.AddRow("prompt tokens (total)", r.PromptTokens.ToString(CultureInfo.InvariantCulture));
        table.AddRow("output tokens (total)", r.OutputTokens.ToString(CultureInfo.InvariantCulture));
        table.AddRow("incomplete at end (not written)", r.IncompleteIds.Count.ToString(CultureInfo.InvariantCulture));
        table.AddRow("orphan events (arrived before capture)", r.OrphanEvents.ToString(CultureInfo.InvariantCulture));
        table.AddRow("duplicate arrivals (rejected)", r.DuplicateArrivals.ToString(CultureInfo.InvariantCulture));
        table.AddRow("events read / lost", $"{r.EventsRead} / {r.EventsLost}");
        table.AddRow("capture duration (s)", Units.Fixed(r.DurationSeconds, 1));
        table.AddRow("TTFT p50 (ms)", summary.TtftP50Ms is double t ? Units.Fixed(t, 3) : "-");
        table.AddRow("end-to-end p50 (ms)", summary.E2eP50Ms is double e ? Units.Fixed(e, 3) : "-");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(path)}[/]");
        if (r.EventsLost > 0)
        {
            AnsiConsole.MarkupLine($"[red]warning:[/] EventPipe dropped {r.EventsLost} events; the capture is incomplete (exit code 3)");
        }
    }

    private static double? Median(double[] sorted) => sorted.Length == 0 ? null : Core.Analysis.NearestRank.OfSorted(sorted, 0.5);
}

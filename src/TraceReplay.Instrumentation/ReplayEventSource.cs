using System.Diagnostics.Tracing;

namespace TraceReplay.Instrumentation;

/// <summary>
/// EventCounters of a running replay, so <c>dotnet-counters monitor -n tracereplay --counters TraceReplay-Replay</c>
/// can watch a long one: <c>simulated-seconds-per-wall-second</c>, <c>iterations-per-second</c>, and the totals
/// <c>simulated-seconds</c> and <c>iterations</c>. The replay loop calls <see cref="ReportProgress"/> with its
/// cumulative totals as often as it likes (a lock and two stores); rates are computed only when a listener polls, both over the same window.
/// </summary>
[EventSource(Name = ProviderName)]
public sealed class ReplayEventSource : EventSource
{
    public const string ProviderName = "TraceReplay-Replay";
    public const string SimulatedSecondsPerWallSecondCounter = "simulated-seconds-per-wall-second";
    public const string IterationsPerSecondCounter = "iterations-per-second";
    public const string SimulatedSecondsCounter = "simulated-seconds";
    public const string IterationsCounter = "iterations";

    public static readonly ReplayEventSource Log = new();

    private readonly ProgressRate _rate = ProgressRate.System();
    private PollingCounter? _simRate;
    private PollingCounter? _iterRate;
    private PollingCounter? _simTotal;
    private PollingCounter? _iterTotal;

    private ReplayEventSource()
    {
    }

    /// <summary>Reports the replay's cumulative simulated time (seconds) and iteration count.</summary>
    [NonEvent]
    public void ReportProgress(double simulatedSeconds, long iterations) => _rate.Report(simulatedSeconds, iterations);

    protected override void OnEventCommand(EventCommandEventArgs command)
    {
        // Counters are created on first enable, so a replay nobody watches pays nothing for them.
        if (command.Command != EventCommand.Enable || _simRate is not null)
        {
            return;
        }
        _simRate = new PollingCounter(SimulatedSecondsPerWallSecondCounter, this, () => _rate.Sample().SimulatedSecondsPerWallSecond)
        {
            DisplayName = "Simulated seconds per wall second",
            DisplayUnits = "s/s",
        };
        // Counters are polled in creation order on each tick: the first closes the window, the second reads the same
        // window, so both rates always describe the same wall-clock interval.
        _iterRate = new PollingCounter(IterationsPerSecondCounter, this, () => _rate.LastSample.IterationsPerSecond)
        {
            DisplayName = "Iterations per second",
            DisplayUnits = "1/s",
        };
        _simTotal = new PollingCounter(SimulatedSecondsCounter, this, () => _rate.SimulatedSeconds)
        {
            DisplayName = "Simulated seconds (total)",
            DisplayUnits = "s",
        };
        _iterTotal = new PollingCounter(IterationsCounter, this, () => _rate.Iterations)
        {
            DisplayName = "Iterations (total)",
        };
    }

    protected override void Dispose(bool disposing)
    {
        _simRate?.Dispose();
        _iterRate?.Dispose();
        _simTotal?.Dispose();
        _iterTotal?.Dispose();
        base.Dispose(disposing);
    }
}

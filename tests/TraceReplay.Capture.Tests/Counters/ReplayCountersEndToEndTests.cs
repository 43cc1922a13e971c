using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using TraceReplay.Capture.Tests.Infrastructure;
using TraceReplay.Instrumentation;

namespace TraceReplay.Capture.Tests.Counters;

/// <summary>The replay EventCounters as dotnet-counters sees them: a real EventPipe session on a real process.</summary>
public sealed class ReplayCountersEndToEndTests
{
    private const double SimSecondsPerIteration = 0.25;

    [Fact]
    public async Task Replay_counters_publish_rates_and_totals_over_EventPipe()
    {
        using GatewayProcess gateway = await GatewayProcess.StartAsync();
        var client = new DiagnosticsClient(gateway.Pid);
        var arguments = new Dictionary<string, string> { ["EventCounterIntervalSec"] = "0.5" };
        EventPipeProvider[] providers = [new(ReplayEventSource.ProviderName, EventLevel.Informational, 0, arguments)];
        using EventPipeSession session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 16, CancellationToken.None);
        var samples = new ConcurrentQueue<(string Name, double Value)>();
        using var source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += e =>
        {
            // dotnet-counters' layout: payload 0 is a struct whose "Payload" member holds the counter's fields.
            if (e.EventName == "EventCounters" && e.PayloadValue(0) is IDictionary<string, object> outer
                && outer.TryGetValue("Payload", out object? inner) && inner is IDictionary<string, object> p)
            {
                samples.Enqueue(((string)p["Name"], Convert.ToDouble(p["Mean"], System.Globalization.CultureInfo.InvariantCulture)));
            }
        };
        Task processing = Task.Run(() => source.Process());
        await gateway.WaitUntilAsync("replay=true");

        // Report progress until at least two rate windows with nonzero iterations have been published (bounded).
        long iterations = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (samples.Count(s => s.Name == ReplayEventSource.IterationsPerSecondCounter && s.Value > 0) < 2)
        {
            deadline.Token.ThrowIfCancellationRequested();
            iterations += 7;
            Assert.Equal("progress", await gateway.SendAsync(Progress(iterations)));
            await Task.Delay(25);
        }
        // Stop reporting, then wait for a window in which the totals show the final values.
        double finalSim = iterations * SimSecondsPerIteration;
        while (!samples.Any(s => s.Name == ReplayEventSource.IterationsCounter && s.Value == iterations))
        {
            deadline.Token.ThrowIfCancellationRequested();
            await Task.Delay(50);
        }
        await session.StopAsync(CancellationToken.None);
        await processing.WaitAsync(TimeSpan.FromSeconds(30));

        (string Name, double Value)[] all = [.. samples];
        Assert.Contains(all, s => s.Name == ReplayEventSource.SimulatedSecondsCounter && s.Value == finalSim);
        double[] simRates = [.. all.Where(s => s.Name == ReplayEventSource.SimulatedSecondsPerWallSecondCounter).Select(s => s.Value)];
        double[] iterRates = [.. all.Where(s => s.Name == ReplayEventSource.IterationsPerSecondCounter).Select(s => s.Value)];
        Assert.Equal(simRates.Length, iterRates.Length);
        // Both rates come from one window per interval, so their ratio is the simulated time per iteration exactly.
        Assert.Contains(iterRates, r => r > 0);
        for (int i = 0; i < simRates.Length; i++)
        {
            Assert.Equal(iterRates[i] * SimSecondsPerIteration, simRates[i], 1e-9 * Math.Max(1, simRates[i]));
        }
    }

    private static string Progress(long iterations) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"progress {iterations * SimSecondsPerIteration:R} {iterations}");
}

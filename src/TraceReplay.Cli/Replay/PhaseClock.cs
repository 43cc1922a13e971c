using System.Diagnostics;

namespace TraceReplay.Cli.Replay;

/// <summary>
/// Where a cold CLI run spends its time, printed to stderr when <c>TRACEREPLAY_PHASES=1</c> (BENCHMARKS.md, "Cold CLI").
/// Each phase gets wall time and process CPU time (all threads: JIT and GC included); the host phase is the time
/// from process start to <c>Main</c>. Off by default: one static bool test per mark.
/// </summary>
internal static class PhaseClock
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("TRACEREPLAY_PHASES") == "1";
    private static readonly List<(string Phase, double WallMs, double CpuMs)> s_phases = [];
    private static readonly Stopwatch s_clock = new();
    private static double s_lastWallMs;
    private static TimeSpan s_lastCpu;

    /// <summary>Called first thing in Main: records the runtime's start-up as the "host" phase.</summary>
    public static void Start()
    {
        if (!Enabled)
        {
            return;
        }
        using var self = Process.GetCurrentProcess();
        s_lastCpu = self.TotalProcessorTime;
        s_phases.Add(("host: process start to Main", (DateTime.Now - self.StartTime).TotalMilliseconds, s_lastCpu.TotalMilliseconds));
        s_clock.Start();
    }

    /// <summary>Ends the phase running since the last mark and names it.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }
        double now = s_clock.Elapsed.TotalMilliseconds;
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        s_phases.Add((phase, now - s_lastWallMs, (cpu - s_lastCpu).TotalMilliseconds));
        s_lastWallMs = now;
        s_lastCpu = cpu;
    }

    /// <summary>Adds a phase measured elsewhere (input parsing interleaved with the replay) and takes it out of the next mark.</summary>
    public static void Carve(string phase, double wallMs)
    {
        if (Enabled)
        {
            s_phases.Add((phase, wallMs, double.NaN));
            s_lastWallMs += wallMs;
        }
    }

    public static void Report(TextWriter w)
    {
        if (!Enabled || s_phases.Count == 0)
        {
            return;
        }
        w.WriteLine("phase                                          wall ms    cpu ms");
        foreach ((string phase, double wall, double cpu) in s_phases)
        {
            w.WriteLine(FormattableString.Invariant($"{phase,-45} {wall,9:F1} {(double.IsNaN(cpu) ? "        -" : cpu.ToString("F1", System.Globalization.CultureInfo.InvariantCulture).PadLeft(9))}"));
        }
        double cpuMs = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        w.WriteLine(FormattableString.Invariant($"{"total (process start to exit of Main)",-45} {s_phases.Sum(p => p.WallMs),9:F1} {cpuMs,9:F1}"));
    }

    /// <summary>Times the enumeration of <paramref name="source"/> (the input read, which runs inside the replay loop).</summary>
    public static IEnumerable<T> Timed<T>(IEnumerable<T> source, Action<double> elapsedMs)
    {
        if (!Enabled)
        {
            foreach (T item in source)
            {
                yield return item;
            }
            yield break;
        }
        long ticks = 0;
        using IEnumerator<T> e = source.GetEnumerator();
        while (true)
        {
            long t0 = Stopwatch.GetTimestamp();
            bool more = e.MoveNext();
            ticks += Stopwatch.GetTimestamp() - t0;
            if (!more)
            {
                break;
            }
            yield return e.Current;
        }
        elapsedMs(ticks * 1000.0 / Stopwatch.Frequency);
    }
}

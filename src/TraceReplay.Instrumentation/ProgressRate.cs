using System.Diagnostics;

namespace TraceReplay.Instrumentation;

/// <summary>
/// Turns cumulative replay progress (simulated seconds, iterations) into rates per wall second between two
/// consecutive samples. Thread-safe: the replay loop reports while the counter thread samples.
/// </summary>
internal sealed class ProgressRate
{
    private readonly Lock _gate = new();
    private readonly Func<long> _nowTicks;
    private readonly double _ticksPerSecond;
    private double _simulatedSeconds;
    private long _iterations;
    private long _lastTicks;
    private double _lastSimulatedSeconds;
    private long _lastIterations;
    private ProgressSample _lastSample;

    /// <param name="nowTicks">Monotonic clock; <see cref="Stopwatch.GetTimestamp"/> in production, a fake in tests.</param>
    public ProgressRate(Func<long> nowTicks, double ticksPerSecond)
    {
        _nowTicks = nowTicks;
        _ticksPerSecond = ticksPerSecond;
        _lastTicks = nowTicks();
    }

    public static ProgressRate System() => new(Stopwatch.GetTimestamp, Stopwatch.Frequency);

    public double SimulatedSeconds
    {
        get
        {
            lock (_gate)
            {
                return _simulatedSeconds;
            }
        }
    }

    public long Iterations
    {
        get
        {
            lock (_gate)
            {
                return _iterations;
            }
        }
    }

    /// <summary>Records the replay's cumulative totals (not deltas), so a lost call loses nothing.</summary>
    public void Report(double simulatedSeconds, long iterations)
    {
        lock (_gate)
        {
            _simulatedSeconds = simulatedSeconds;
            _iterations = iterations;
        }
    }

    /// <summary>The result of the latest <see cref="Sample"/> (zeros before the first).</summary>
    public ProgressSample LastSample
    {
        get
        {
            lock (_gate)
            {
                return _lastSample;
            }
        }
    }

    /// <summary>Closes the current window and returns the rates over it (the previous result if no time passed).</summary>
    public ProgressSample Sample()
    {
        lock (_gate)
        {
            long now = _nowTicks();
            double wallSeconds = (now - _lastTicks) / _ticksPerSecond;
            if (wallSeconds <= 0)
            {
                return _lastSample;
            }
            _lastSample = new ProgressSample(
                (_simulatedSeconds - _lastSimulatedSeconds) / wallSeconds,
                (_iterations - _lastIterations) / wallSeconds);
            _lastTicks = now;
            _lastSimulatedSeconds = _simulatedSeconds;
            _lastIterations = _iterations;
            return _lastSample;
        }
    }
}

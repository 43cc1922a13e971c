namespace TraceReplay.Instrumentation;

/// <summary>Replay speed over one sampling window.</summary>
/// <param name="SimulatedSecondsPerWallSecond">Simulated time advanced per second of wall time (speed-up factor).</param>
/// <param name="IterationsPerSecond">Engine iterations simulated per second of wall time.</param>
public readonly record struct ProgressSample(double SimulatedSecondsPerWallSecond, double IterationsPerSecond);

namespace TraceReplay.Benchmarks.Measure;

/// <summary>One fresh-process measurement, appended as a JSON line to the results file that the report reads.</summary>
public sealed record Measurement
{
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public string CostModel { get; init; } = "";
    public int Tile { get; init; } = 1;
    public long Rows { get; init; }
    public long Iterations { get; init; }
    public long InputBytes { get; init; }

    /// <summary>Bytes of the file written, where the measurement writes one (ingest).</summary>
    public long OutputBytes { get; init; }
    public double WallS { get; init; }
    /// <summary>Cold-CLI phases: process CPU time (all threads); -1 where the phase has no CPU figure.</summary>
    public double CpuS { get; init; } = -1;
    public long AllocatedBytes { get; init; }
    public long PeakRssBytes { get; init; }
    public int Gen2Collections { get; init; }
    /// <summary>Replays: the load regime (an overloaded configuration queues, and its queue grows with the trace).</summary>
    public double TtftP99S { get; init; }
    public long Preemptions { get; init; }
}

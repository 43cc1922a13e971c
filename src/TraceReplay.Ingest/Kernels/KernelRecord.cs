namespace TraceReplay.Ingest.Kernels;

/// <summary>
/// One canonical kernel row (one GPU activity, or one aggregate row for summaries); see KernelColumns for the
/// Parquet names. Null = the source does not have the value.
/// </summary>
public sealed class KernelRecord
{
    public required string Source { get; init; }
    public string Kind { get; init; } = "kernel";
    public string? DeviceName { get; set; }
    public int? DeviceIdx { get; set; }
    public long? Stream { get; set; }
    public long? Correlation { get; set; }
    public long? StartNs { get; set; }
    public long DurNs { get; set; }
    public required string NameFull { get; init; }
    public string NameShort { get; set; } = "";
    public int? GridX { get; set; }
    public int? GridY { get; set; }
    public int? GridZ { get; set; }
    public int? BlockX { get; set; }
    public int? BlockY { get; set; }
    public int? BlockZ { get; set; }
    public int? RegsPerThread { get; set; }
    public long? SmemStaticBytes { get; set; }
    public long? SmemDynamicBytes { get; set; }
    public long? SmemTotalBytes { get; set; }
    public long? Bytes { get; set; }
    public string? CopyKind { get; set; }
    public string? NvtxPath { get; set; }
    public long? GraphNode { get; set; }
    public string OpClass { get; set; } = "other";
    public long? DramReadBytes { get; set; }
    public long? DramWriteBytes { get; set; }
    public long? L2ReadSectors { get; set; }
    public double? SmThroughputPct { get; set; }
    public double? DramThroughputPct { get; set; }
    public bool? ClockLocked { get; set; }
    public long? Instances { get; set; }
    /// <summary>1-based line (CSV) or row (SQLite/JSON event index) in the source, for provenance.</summary>
    public long SourceRow { get; set; }
}

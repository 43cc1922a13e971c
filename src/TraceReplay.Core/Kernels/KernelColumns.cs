namespace TraceReplay.Core.Kernels;

/// <summary>
/// Column names of the canonical kernel Parquet (one row per GPU activity; FORMATS.md section 2), shared by
/// ingest (writer) and calibration (reader). Schema version <see cref="SchemaVersion"/> is stored in the file
/// metadata under <see cref="SchemaVersionKey"/>. Nullable columns hold null where the source lacks the value.
/// </summary>
public static class KernelColumns
{
    public const string SchemaVersion = "1";
    public const string SchemaVersionKey = "tracereplay.kernels.schema_version";

    public const string Source = "source";                 // nsys-sqlite | nsys-csv | nsys-kernsum | ncu-details | ncu-raw | kineto
    public const string Kind = "kind";                     // kernel | memcpy | memset | aggregate
    public const string DeviceName = "device_name";
    public const string DeviceIdx = "device_idx";
    public const string Stream = "stream";
    public const string Correlation = "correlation";
    public const string StartNs = "start_ns";
    public const string DurNs = "dur_ns";
    public const string NameFull = "name_full";
    public const string NameShort = "name_short";
    public const string GridX = "grid_x";
    public const string GridY = "grid_y";
    public const string GridZ = "grid_z";
    public const string BlockX = "block_x";
    public const string BlockY = "block_y";
    public const string BlockZ = "block_z";
    public const string RegsPerThread = "regs_per_thread";
    public const string SmemStaticBytes = "smem_static_bytes";
    public const string SmemDynamicBytes = "smem_dynamic_bytes";
    public const string SmemTotalBytes = "smem_total_bytes";
    public const string Bytes = "bytes";                   // memcpy/memset payload
    public const string CopyKind = "copy_kind";
    public const string NvtxPath = "nvtx_path";            // enclosing annotation ranges, outermost first, joined by " > "
    public const string GraphNode = "graph_node";
    public const string OpClass = "op_class";              // OpClassNames (gemm, attention_prefill, ...)
    public const string DramReadBytes = "dram_read_bytes"; // measured (Nsight Compute)
    public const string DramWriteBytes = "dram_write_bytes";
    public const string L2ReadSectors = "l2_read_sectors";
    public const string SmThroughputPct = "sm_throughput_pct";
    public const string DramThroughputPct = "dram_throughput_pct";
    public const string ClockLocked = "clock_locked";
    /// <summary>Aggregate rows (cuda_gpu_kern_sum): how many launches the row stands for.</summary>
    public const string Instances = "instances";
    /// <summary>1-based line/row/event index in the source file (provenance).</summary>
    public const string SourceRow = "source_row";

    /// <summary>File metadata keys written by ingest.</summary>
    public const string MetaSources = "tracereplay.sources";
    public const string MetaStartEpochNs = "tracereplay.start_epoch_ns";
}

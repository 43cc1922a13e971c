using System.Globalization;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>One profiled launch being assembled from ncu rows; metrics keyed on (section, metric) as ncu intends.</summary>
internal sealed class NcuKernel
{
    private readonly Dictionary<string, (string Unit, string Value)> _metrics = new(StringComparer.Ordinal);

    private NcuKernel(string id, string name, long line, string raw) => (Id, Name, Line, RawLine) = (id, name, line, raw);

    public string Id { get; }
    public string Name { get; }
    public long Line { get; }
    public string RawLine { get; }
    public string? Block { get; private init; }
    public string? Grid { get; private init; }
    public string? Stream { get; private init; }
    public string? Device { get; private init; }
    public string? Nvtx { get; private init; }

    public static NcuKernel Start(string id, string[] f, HeaderMap map, long line, string raw) =>
        new(id, HeaderMap.Get(f, map.Find("Kernel Name")!.Value.Index), line, raw)
        {
            Block = map.Find("Block Size") is { } b ? HeaderMap.Get(f, b.Index) : null,
            Grid = map.Find("Grid Size") is { } g ? HeaderMap.Get(f, g.Index) : null,
            Stream = map.Find("Stream") is { } s ? HeaderMap.Get(f, s.Index) : null,
            Device = map.Find("Device") is { } d ? HeaderMap.Get(f, d.Index) : null,
            Nvtx = map.Find("thread Domain:Push/Pop_Range:PL_Type:PL_Value:CLR_Type:Color:Msg_Type:Msg") is { } n ? HeaderMap.Get(f, n.Index) : null,
        };

    public void AddMetric(string section, string name, string unit, string value)
    {
        _metrics.TryAdd(name, (unit, value));
        _metrics.TryAdd(section + "/" + name, (unit, value));
    }

    public KernelRecord? ToRecord(string source, string path, IngestContext context)
    {
        double? durNs = Scaled("gpu__time_duration.sum", Units.TimeToNs) ?? Scaled("GPU Speed Of Light Throughput/Duration", Units.TimeToNs)
            ?? Scaled("Kernel Time", Units.TimeToNs);
        if (durNs is not { } dur || dur < 0)
        {
            context.Reject(path, Line, "gpu__time_duration.sum",
                "no usable kernel duration; expected gpu__time_duration.sum or the SpeedOfLight Duration metric (non-negative)", RawLine);
            return null;
        }
        var r = new KernelRecord
        {
            Source = source, NameFull = Name, NameShort = KernelNames.Short(Name), DurNs = (long)Math.Round(dur), SourceRow = Line,
            Stream = long.TryParse(Stream, CultureInfo.InvariantCulture, out long s) ? s : null,
            DeviceIdx = int.TryParse(Device, CultureInfo.InvariantCulture, out int d) ? d : null,
            DramReadBytes = Bytes("dram__bytes_read.sum") ?? Bytes("dram__sectors_read.sum"),
            DramWriteBytes = Bytes("dram__bytes_write.sum") ?? Bytes("dram__sectors_write.sum"),
            L2ReadSectors = Raw("lts__t_sectors_op_read.sum") is { } l2 ? (long)l2 : null,
            SmThroughputPct = Raw("sm__throughput.avg.pct_of_peak_sustained_elapsed") ?? Raw("GPU Speed Of Light Throughput/Compute (SM) Throughput"),
            DramThroughputPct = Raw("dram__throughput.avg.pct_of_peak_sustained_elapsed") ?? Raw("GPU Speed Of Light Throughput/DRAM Throughput"),
            RegsPerThread = Raw("launch__registers_per_thread") is { } regs ? (int)regs : Raw("Launch Statistics/Registers Per Thread") is { } r2 ? (int)r2 : null,
            NvtxPath = Nvtx is { Length: > 0 } n ? n.Trim() : null,
        };
        if (Grid is not null && Units.TryDim3(Grid, out int gx, out int gy, out int gz))
        {
            (r.GridX, r.GridY, r.GridZ) = (gx, gy, gz);
        }
        else if (Raw("launch__grid_dim_x") is { } x)
        {
            (r.GridX, r.GridY, r.GridZ) = ((int)x, (int?)Raw("launch__grid_dim_y"), (int?)Raw("launch__grid_dim_z"));
        }
        if (Block is not null && Units.TryDim3(Block, out int bx, out int by, out int bz))
        {
            (r.BlockX, r.BlockY, r.BlockZ) = (bx, by, bz);
        }
        else if (Raw("launch__block_dim_x") is { } x)
        {
            (r.BlockX, r.BlockY, r.BlockZ) = ((int)x, (int?)Raw("launch__block_dim_y"), (int?)Raw("launch__block_dim_z"));
        }
        r.SmemStaticBytes = Bytes("launch__shared_mem_per_block_static");
        r.SmemDynamicBytes = Bytes("launch__shared_mem_per_block_dynamic");
        r.SmemTotalBytes = r.SmemStaticBytes + r.SmemDynamicBytes;
        return r;
    }

    private double? Raw(string key) =>
        _metrics.TryGetValue(key, out var m) && Units.TryNumber(m.Value, out double? v) && v is { } x && double.IsFinite(x) ? x : null;

    private double? Scaled(string key, Func<string, double?> scale) =>
        _metrics.TryGetValue(key, out var m) && Raw(key) is { } v && scale(m.Unit.Length == 0 ? "ns" : m.Unit) is { } k ? v * k : null;

    private long? Bytes(string key) =>
        _metrics.TryGetValue(key, out var m) && Raw(key) is { } v
            ? (long)Math.Round(v * (Units.BytesScale(m.Unit.Replace("/block", "", StringComparison.Ordinal)) ?? (key.Contains("sectors", StringComparison.Ordinal) ? 32 : 1)))
            : null;
}

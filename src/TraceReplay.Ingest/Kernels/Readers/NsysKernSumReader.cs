using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// <c>nsys stats --report cuda_gpu_kern_sum</c> (pre-2023: <c>gpukernsum</c>): one aggregate row per kernel name
/// (kind = aggregate, dur_ns = total time, instances = launches). nsys 2022.4's GridXYZ/BlockXYZ are kept.
/// </summary>
public sealed class NsysKernSumReader : IKernelReader
{
    public string Format => "nsys-kernsum";

    public static bool IsHeader(string line) => NsysReport.StartsWith(line, "Time (%)");

    public IEnumerable<KernelRecord> Read(string path, IngestContext context)
    {
        string source = Path.GetFileName(path);
        foreach ((Columns c, long line, string[] f, string raw) in NsysReport.Rows(path, context, Format, IsHeader, (map, at, header) => Bind(map, at, header, path),
            "no cuda_gpu_kern_sum header found; expected a line starting with 'Time (%)'"))
        {
            if (!Units.TryNumber(HeaderMap.Get(f, c.Total), out double? t) || t is not { } tv || tv < 0)
            {
                context.Reject(path, line, "Total Time", $"expected a non-negative time, got '{HeaderMap.Get(f, c.Total)}'", raw);
                continue;
            }
            if (!Units.TryNumber(HeaderMap.Get(f, c.Instances), out double? n) || n is not { } nv || nv < 0)
            {
                context.Reject(path, line, "Instances", $"expected a launch count, got '{HeaderMap.Get(f, c.Instances)}'", raw);
                continue;
            }
            string kernelName = HeaderMap.Get(f, c.Name);
            var record = new KernelRecord
            {
                Source = source, Kind = "aggregate", NameFull = kernelName, NameShort = KernelNames.Short(kernelName),
                DurNs = (long)Math.Round(tv * c.Scale), Instances = (long)nv, SourceRow = line,
            };
            if (c.Map.Find("GridXYZ") is { } g && Units.TryDim3(HeaderMap.Get(f, g.Index), out int gx, out int gy, out int gz))
            {
                (record.GridX, record.GridY, record.GridZ) = (gx, gy, gz);
            }
            if (c.Map.Find("BlockXYZ") is { } b && Units.TryDim3(HeaderMap.Get(f, b.Index), out int bx, out int by, out int bz))
            {
                (record.BlockX, record.BlockY, record.BlockZ) = (bx, by, bz);
            }
            yield return record;
        }
    }

    /// <summary>The header's columns: total time with its scale to ns, launches, kernel name.</summary>
    private sealed record Columns(HeaderMap Map, int Total, double Scale, int Instances, int Name);

    private static Columns Bind(HeaderMap map, long line, string raw, string path)
    {
        (int Index, string Unit) total = map.Require(line, "Total Time");
        int instances = map.Require(line, "Instances").Index;
        int name = map.Require(line, "Name").Index;
        double scale = Units.TimeToNs(total.Unit) ?? throw new IngestException(new IngestError(path, line, "Total Time", $"unknown time unit '{total.Unit}'", raw));
        return new Columns(map, total.Index, scale, instances, name);
    }
}

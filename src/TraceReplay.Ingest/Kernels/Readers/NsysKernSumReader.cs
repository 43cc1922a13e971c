using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// <c>nsys stats --report cuda_gpu_kern_sum</c> (pre-2023: <c>gpukernsum</c>): one aggregate row per kernel name
/// (kind = aggregate, dur_ns = total time, instances = launches). nsys 2022.4's GridXYZ/BlockXYZ are kept.
/// </summary>
public sealed class NsysKernSumReader : IKernelReader
{
    public string Format => "nsys-kernsum";

    public static bool IsHeader(string line) => line.StartsWith("Time (%)", StringComparison.Ordinal) || line.StartsWith("\"Time (%)", StringComparison.Ordinal);

    public IEnumerable<KernelRecord> Read(string path, IngestContext context)
    {
        HeaderMap? map = null;
        (int Index, string Unit) total = default, instances = default, name = default;
        double scale = 1;
        string source = Path.GetFileName(path);
        foreach ((long line, string[] f, string raw) in CsvLines.Read(path, context, _ => true))
        {
            if (map is null)
            {
                if (IsHeader(raw))
                {
                    map = new HeaderMap(f, path, Format);
                    total = map.Require(line, "Total Time");
                    instances = map.Require(line, "Instances");
                    name = map.Require(line, "Name");
                    scale = Units.TimeToNs(total.Unit) ?? throw new IngestException(new IngestError(path, line, "Total Time", $"unknown time unit '{total.Unit}'", raw));
                }
                continue;
            }
            if (raw.Trim().Length == 0)
            {
                continue;
            }
            context.CountRow();
            if (!Units.TryNumber(HeaderMap.Get(f, total.Index), out double? t) || t is not { } tv || tv < 0)
            {
                context.Reject(path, line, "Total Time", $"expected a non-negative time, got '{HeaderMap.Get(f, total.Index)}'", raw);
                continue;
            }
            if (!Units.TryNumber(HeaderMap.Get(f, instances.Index), out double? n) || n is not { } nv || nv < 0)
            {
                context.Reject(path, line, "Instances", $"expected a launch count, got '{HeaderMap.Get(f, instances.Index)}'", raw);
                continue;
            }
            string kernelName = HeaderMap.Get(f, name.Index);
            var record = new KernelRecord
            {
                Source = source, Kind = "aggregate", NameFull = kernelName, NameShort = KernelNames.Short(kernelName),
                DurNs = (long)Math.Round(tv * scale), Instances = (long)nv, SourceRow = line,
            };
            if (map.Find("GridXYZ") is { } g && Units.TryDim3(HeaderMap.Get(f, g.Index), out int gx, out int gy, out int gz))
            {
                (record.GridX, record.GridY, record.GridZ) = (gx, gy, gz);
            }
            if (map.Find("BlockXYZ") is { } b && Units.TryDim3(HeaderMap.Get(f, b.Index), out int bx, out int by, out int bz))
            {
                (record.BlockX, record.BlockY, record.BlockZ) = (bx, by, bz);
            }
            yield return record;
        }
        if (map is null)
        {
            throw IngestException.File(path, "no cuda_gpu_kern_sum header found; expected a line starting with 'Time (%)'");
        }
    }
}

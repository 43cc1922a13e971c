using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// Per-kernel summary CSV of the nsys-llm-explainer tool (<c>kernel_name,device_id,call_count,total_time_ns,...</c>),
/// a derived format, not nsys output: kept as aggregate rows like cuda_gpu_kern_sum.
/// </summary>
public sealed class KernelStatsReader : IKernelReader
{
    public string Format => "kernel-stats";

    public IEnumerable<KernelRecord> Read(string path, IngestContext context)
    {
        HeaderMap? map = null;
        int name = 0, device = 0, calls = 0, total = 0;
        string source = Path.GetFileName(path);
        foreach ((long line, string[] f, string raw) in CsvLines.Read(path, context, l => l.Trim().Length > 0))
        {
            if (map is null)
            {
                map = new HeaderMap(f, path, Format);
                (name, device, calls, total) = (map.Require(line, "kernel_name").Index, map.Require(line, "device_id").Index,
                    map.Require(line, "call_count").Index, map.Require(line, "total_time_ns").Index);
                continue;
            }
            context.CountRow();
            if (!long.TryParse(HeaderMap.Get(f, total), System.Globalization.CultureInfo.InvariantCulture, out long ns) || ns < 0)
            {
                context.Reject(path, line, "total_time_ns", $"expected a non-negative integer, got '{HeaderMap.Get(f, total)}'", raw);
                continue;
            }
            if (!long.TryParse(HeaderMap.Get(f, calls), System.Globalization.CultureInfo.InvariantCulture, out long n) || n < 0)
            {
                context.Reject(path, line, "call_count", $"expected a non-negative integer, got '{HeaderMap.Get(f, calls)}'", raw);
                continue;
            }
            string kernelName = HeaderMap.Get(f, name);
            yield return new KernelRecord
            {
                Source = source, Kind = "aggregate", NameFull = kernelName, NameShort = KernelNames.Short(kernelName),
                DurNs = ns, Instances = n, SourceRow = line,
                DeviceIdx = int.TryParse(HeaderMap.Get(f, device), System.Globalization.CultureInfo.InvariantCulture, out int d) ? d : null,
            };
        }
        if (map is null)
        {
            throw IngestException.File(path, "empty file: expected a kernel_name,device_id,call_count,total_time_ns header");
        }
    }
}

using System.Globalization;
using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// <c>nsys stats --report cuda_gpu_trace</c> (and the pre-2023 name <c>gputrace</c>) CSV, every header variant:
/// columns by name, units from the header (<c>Start (us)</c>, <c>Bytes (MB)</c>, <c>Throughput (MBps)</c>),
/// optional GreenCtx. Preamble lines before the header are skipped. Kernel, memcpy and memset rows.
/// </summary>
public sealed class NsysGpuTraceReader : IKernelReader
{
    public string Format => "nsys-gputrace";

    public static bool IsHeader(string line) => line.StartsWith("Start (", StringComparison.Ordinal) || line.StartsWith("\"Start (", StringComparison.Ordinal);

    public IEnumerable<KernelRecord> Read(string path, IngestContext context)
    {
        HeaderMap? map = null;
        (int Index, string Unit) start = default, dur = default, name = default;
        double startScale = 1, durScale = 1;
        string source = Path.GetFileName(path);
        foreach ((long line, string[] f, string raw) in CsvLines.Read(path, context, _ => true))
        {
            if (map is null)
            {
                if (IsHeader(raw))
                {
                    map = new HeaderMap(f, path, Format);
                    start = map.Require(line, "Start");
                    dur = map.Require(line, "Duration");
                    name = map.Require(line, "Name");
                    startScale = Units.TimeToNs(start.Unit) ?? throw Bad(path, line, "Start", $"unknown time unit '{start.Unit}'; expected ns, us, ms or s", raw);
                    durScale = Units.TimeToNs(dur.Unit) ?? throw Bad(path, line, "Duration", $"unknown time unit '{dur.Unit}'; expected ns, us, ms or s", raw);
                }
                else if (raw.Contains("SKIPPED", StringComparison.Ordinal))
                {
                    throw IngestException.File(path, $"nsys skipped this report ({raw.Trim()}); the capture has no CUDA kernel data");
                }
                continue;
            }
            if (raw.Trim().Length == 0)
            {
                continue;
            }
            context.CountRow();
            long durNs = 0;
            string? error = Number(f, start.Index, startScale, out long startNs, "Start") ?? Number(f, dur.Index, durScale, out durNs, "Duration");
            if (error is null && durNs < 0)
            {
                error = "Duration|negative duration; expected >= 0";
            }
            if (error is not null)
            {
                string[] parts = error.Split('|', 2);
                context.Reject(path, line, parts[0], parts[1], raw);
                continue;
            }
            string kernelName = HeaderMap.Get(f, name.Index);
            string kind = kernelName.StartsWith("[CUDA memcpy", StringComparison.Ordinal) ? "memcpy"
                : kernelName.StartsWith("[CUDA memset", StringComparison.Ordinal) ? "memset" : "kernel";
            var record = new KernelRecord
            {
                Source = source, Kind = kind, NameFull = kernelName, NameShort = kind == "kernel" ? KernelNames.Short(kernelName) : kind,
                StartNs = startNs, DurNs = durNs, SourceRow = line,
                Correlation = Long(map, f, "CorrId"), Stream = Long(map, f, "Strm"),
                GridX = Int(map, f, "GrdX"), GridY = Int(map, f, "GrdY"), GridZ = Int(map, f, "GrdZ"),
                BlockX = Int(map, f, "BlkX"), BlockY = Int(map, f, "BlkY"), BlockZ = Int(map, f, "BlkZ"),
                RegsPerThread = Int(map, f, "Reg/Trd"),
                SmemStaticBytes = Bytes(map, f, "StcSMem"), SmemDynamicBytes = Bytes(map, f, "DymSMem"), Bytes = Bytes(map, f, "Bytes"),
                CopyKind = kind == "memcpy" ? kernelName.Trim('[', ']').Replace("CUDA memcpy ", "", StringComparison.Ordinal) : null,
            };
            record.SmemTotalBytes = record.SmemStaticBytes + record.SmemDynamicBytes;
            (record.DeviceName, record.DeviceIdx) = Device(map.Find("Device") is { } d ? HeaderMap.Get(f, d.Index) : "");
            yield return record;
        }
        if (map is null)
        {
            throw IngestException.File(path, "no cuda_gpu_trace header found; expected a line starting with 'Start (ns)'");
        }
    }

    /// <summary><c>NVIDIA H100 80GB HBM3 (0)</c> -> (name, 0); derived files say <c>GPU (0)</c>.</summary>
    internal static (string? Name, int? Index) Device(string text)
    {
        (string name, string idx) = Units.Split(text);
        return int.TryParse(idx, CultureInfo.InvariantCulture, out int i)
            ? (name == "GPU" ? null : name, i)
            : (text.Length == 0 ? null : text, null);
    }

    private static string? Number(string[] f, int index, double scale, out long ns, string field)
    {
        ns = 0;
        if (!Units.TryNumber(HeaderMap.Get(f, index), out double? v) || v is null || !double.IsFinite(v.Value))
        {
            return $"{field}|expected a number, got '{Core.Text.Fields.Clip(HeaderMap.Get(f, index))}'";
        }
        ns = (long)Math.Round(v.Value * scale);
        return null;
    }

    private static long? Long(HeaderMap map, string[] f, string name) =>
        map.Find(name) is { } c && Units.TryNumber(HeaderMap.Get(f, c.Index), out double? v) && v is { } x ? (long)x : null;

    private static int? Int(HeaderMap map, string[] f, string name) => Long(map, f, name) is { } v ? (int)v : null;

    private static long? Bytes(HeaderMap map, string[] f, string name) =>
        map.Find(name) is { } c && Units.TryNumber(HeaderMap.Get(f, c.Index), out double? v) && v is { } x
            ? (long)Math.Round(x * (Units.BytesScale(c.Unit) ?? 1)) : null;

    private static IngestException Bad(string path, long line, string field, string reason, string raw) =>
        new(new IngestError(path, line, field, reason, raw));
}

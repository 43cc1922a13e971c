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

    public static bool IsHeader(string line) => NsysReport.StartsWith(line, "Start (");

    public IEnumerable<KernelRecord> Read(string path, IngestContext context)
    {
        string source = Path.GetFileName(path);
        foreach ((Columns c, long line, string[] f, string raw) in NsysReport.Rows(path, context, Format, IsHeader, (map, at, header) => Bind(map, at, header, path),
            "no cuda_gpu_trace header found; expected a line starting with 'Start (ns)'", NotSkipped(path)))
        {
            long durNs = 0;
            string? error = Number(f, c.Start, c.StartScale, out long startNs, "Start") ?? Number(f, c.Dur, c.DurScale, out durNs, "Duration");
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
            HeaderMap map = c.Map;
            string kernelName = HeaderMap.Get(f, c.Name);
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
    }

    /// <summary>The header's columns: start and duration with their scales to ns, and the kernel name.</summary>
    private sealed record Columns(HeaderMap Map, int Start, double StartScale, int Dur, double DurScale, int Name);

    private static Columns Bind(HeaderMap map, long line, string raw, string path)
    {
        (int Index, string Unit) start = map.Require(line, "Start");
        (int Index, string Unit) dur = map.Require(line, "Duration");
        (int Index, string Unit) name = map.Require(line, "Name");
        double startScale = Units.TimeToNs(start.Unit) ?? throw Bad(path, line, "Start", $"unknown time unit '{start.Unit}'; expected ns, us, ms or s", raw);
        double durScale = Units.TimeToNs(dur.Unit) ?? throw Bad(path, line, "Duration", $"unknown time unit '{dur.Unit}'; expected ns, us, ms or s", raw);
        return new Columns(map, start.Index, startScale, dur.Index, durScale, name.Index);
    }

    private static Action<string> NotSkipped(string path) => raw =>
    {
        if (raw.Contains("SKIPPED", StringComparison.Ordinal))
        {
            throw IngestException.File(path, $"nsys skipped this report ({raw.Trim()}); the capture has no CUDA kernel data");
        }
    };

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

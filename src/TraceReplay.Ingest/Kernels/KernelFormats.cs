using System.Text;
using TraceReplay.Core.IO;
using TraceReplay.Ingest.Diagnostics;
using TraceReplay.Ingest.Kernels.Readers;

namespace TraceReplay.Ingest.Kernels;

/// <summary>Kernel-trace format names and detection from content (magic bytes, JSON, header line).</summary>
public static class KernelFormats
{
    public static readonly IReadOnlyList<string> Names = ["nsys-sqlite", "nsys-gputrace", "nsys-kernsum", "ncu", "kineto", "kernel-stats"];

    public static IKernelReader Create(string format) => format switch
    {
        "nsys-sqlite" => new NsysSqliteReader(),
        "nsys-gputrace" => new NsysGpuTraceReader(),
        "nsys-kernsum" => new NsysKernSumReader(),
        "ncu" => new NcuCsvReader(),
        "kineto" => new KinetoReader(),
        "kernel-stats" => new KernelStatsReader(),
        _ => throw new ArgumentException($"--format '{format}' is not a kernel format; expected auto or one of {string.Join(", ", Names)}"),
    };

    public static string Detect(string path)
    {
        byte[] head = InputFile.Peek(path);
        if (head.AsSpan().StartsWith("SQLite format 3\0"u8))
        {
            return "nsys-sqlite";
        }
        string text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('{'))
        {
            return "kineto";
        }
        string[] lines = text.Split('\n');
        foreach (string line in lines)
        {
            if (NsysGpuTraceReader.IsHeader(line))
            {
                return "nsys-gputrace";
            }
            if (NsysKernSumReader.IsHeader(line))
            {
                return "nsys-kernsum";
            }
            if (line.StartsWith("\"ID\"", StringComparison.Ordinal) && line.Contains("\"Kernel Name\"", StringComparison.Ordinal))
            {
                return "ncu";
            }
        }
        string first = lines[0].Trim();
        if (first.StartsWith("kernel_name,device_id,call_count", StringComparison.Ordinal))
        {
            return "kernel-stats";
        }
        string hint = first.StartsWith("kernel_id,section,metric_name", StringComparison.Ordinal)
            ? "this is a derived ncu metric table with no kernel names or launch data; ingest the kernel_*_ncu.details.csv files instead"
            : $"could not detect the kernel-trace format; expected one of {string.Join(", ", Names)} (see docs/ingest.md) or pass --format NAME";
        throw new IngestException(new IngestError(path, 1, "header", hint, Core.Text.Fields.Clip(first)));
    }
}

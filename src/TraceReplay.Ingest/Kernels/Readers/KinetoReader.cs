using System.Globalization;
using System.Text.Json;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.IO;
using TraceReplay.Core.Kernels;
using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// PyTorch profiler / Kineto Chrome-trace JSON (<c>.json</c> or <c>.json.gz</c>): kernel, gpu_memcpy and gpu_memset
/// events, with gpu_user_annotation ranges on the same device as the enclosing annotation path. ts/dur are µs:
/// times become round(µs x 1000) ns from the first GPU event; the absolute epoch goes to metadata
/// (baseTimeNanoseconds + ts, or ts itself in older absolute traces). Kernels whose correlation belongs to a
/// cudaGraphLaunch are CUDA-graph replays: graph_node = their order within that launch.
/// </summary>
public sealed class KinetoReader : IKernelReader
{
    public string Format => "kineto";

    public IEnumerable<KernelRecord> Read(string path, IngestContext context)
    {
        using Stream stream = InputFile.Open(path);
        return JsonInput.Read(path, () => JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true }),
            ex => new IngestException(new IngestError(path, (ex.LineNumber ?? -1) + 1, "-", $"invalid JSON: {ex.Message}", "")),
            root => Parse(root, path, context));
    }

    private static List<KernelRecord> Parse(JsonElement root, string path, IngestContext context)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("traceEvents", out JsonElement events) || events.ValueKind != JsonValueKind.Array)
        {
            throw IngestException.File(path, "field 'traceEvents' missing; expected a Kineto/Chrome trace object with a traceEvents array");
        }
        long baseNs = root.TryGetProperty("baseTimeNanoseconds", out JsonElement b) && b.ValueKind == JsonValueKind.Number && b.TryGetInt64(out long bn) ? bn : 0;
        var graphLaunches = new HashSet<long>();
        var annotations = new List<(long Device, long Start, long End, string Name)>();
        var pending = new List<(KernelRecord Row, long Index)>();
        string source = Path.GetFileName(path);
        long index = 0;
        foreach (JsonElement e in events.EnumerateArray())
        {
            index++;
            if (e.ValueKind != JsonValueKind.Object)
            {
                context.CountRow();
                context.Reject(path, index, "-", $"expected an event object, got {e.ValueKind}", Core.Text.Fields.Clip(e.GetRawText()));
                continue;
            }
            string cat = Str(e, "cat") ?? "";
            string? maybeName = Str(e, "name");
            string name = maybeName ?? "";
            if (cat is "cuda_runtime" or "cuda_driver" && name.Contains("GraphLaunch", StringComparison.Ordinal) && Arg(e, "correlation") is { } gc)
            {
                graphLaunches.Add(gc);
            }
            if (cat is not ("kernel" or "gpu_memcpy" or "gpu_memset" or "gpu_user_annotation"))
            {
                continue;
            }
            if (cat != "gpu_user_annotation")
            {
                context.CountRow();
            }
            string? bad = maybeName is null ? "name" : null;
            long startNs = 0, durNs = 0;
            if (bad is null)
            {
                bool ok = TryMicros(e, "ts", out double ts) & TryMicros(e, "dur", out double dur);
                (long? s0, long? d0) = ok && dur >= 0 ? (Checked.ScaledToNs(ts, 1000), Checked.ScaledToNs(dur, 1000)) : (null, null);
                if (s0 is null || d0 is null || Checked.Add(s0.Value, d0.Value) is null)
                {
                    bad = "ts/dur";
                }
                else
                {
                    (startNs, durNs) = (s0.Value, d0.Value);
                }
            }
            if (bad is not null)
            {
                if (cat != "gpu_user_annotation")
                {
                    context.Reject(path, index, bad, bad == "name" ? "expected a string kernel name"
                        : "expected numeric ts and non-negative dur (µs) within the int64-ns range", Core.Text.Fields.Clip(e.GetRawText()));
                }
                continue;
            }
            long device = e.TryGetProperty("pid", out JsonElement p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out long pid) ? pid : 0;
            if (cat == "gpu_user_annotation")
            {
                annotations.Add((device, startNs, startNs + durNs, name));
                continue;
            }
            if (BadArg(e) is { } badArg)
            {
                context.Reject(path, index, "args." + badArg, "expected an integer within its type's range", Core.Text.Fields.Clip(e.GetRawText()));
                continue;
            }
            string kind = cat == "kernel" ? "kernel" : cat == "gpu_memcpy" ? "memcpy" : "memset";
            var row = new KernelRecord
            {
                Source = source, Kind = kind, NameFull = name, NameShort = kind == "kernel" ? KernelNames.Short(name) : kind,
                StartNs = startNs, DurNs = durNs, DeviceIdx = ToInt(Arg(e, "device") ?? device),
                Stream = Arg(e, "stream") ?? (e.TryGetProperty("tid", out JsonElement t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out long tid) ? tid : null),
                Correlation = Arg(e, "correlation"), RegsPerThread = ToInt(Arg(e, "registers per thread")),
                SmemTotalBytes = Arg(e, "shared memory"), Bytes = Arg(e, "bytes"), SourceRow = index,
                CopyKind = kind == "memcpy" ? name.Replace("Memcpy ", "", StringComparison.Ordinal) : null,
            };
            SetDims(e, "grid", v => (row.GridX, row.GridY, row.GridZ) = v);
            SetDims(e, "block", v => (row.BlockX, row.BlockY, row.BlockZ) = v);
            pending.Add((row, index));
        }
        long origin = pending.Count == 0 ? 0 : pending.Min(r => r.Row.StartNs ?? 0);
        long epoch = Checked.Add(baseNs, origin) ?? throw IngestException.File(path, "baseTimeNanoseconds + first ts is beyond the int64-ns range");
        context.Metadata.TryAdd(KernelColumns.MetaStartEpochNs, epoch.ToString(CultureInfo.InvariantCulture));
        annotations.Sort((x, y) => x.Start.CompareTo(y.Start));
        var graphOrder = new Dictionary<long, long>();
        var rows = new List<KernelRecord>(pending.Count);
        foreach ((KernelRecord row, _) in pending.OrderBy(r => r.Row.StartNs).ThenBy(r => r.Index))
        {
            long start = row.StartNs!.Value;
            string path2 = string.Join(" > ", annotations.Where(a => a.Device == row.DeviceIdx && a.Start <= start && a.End >= start + row.DurNs).Select(a => a.Name));
            row.NvtxPath = path2.Length == 0 ? null : path2;
            if (row.Kind == "kernel" && row.Correlation is { } corr && graphLaunches.Contains(corr))
            {
                graphOrder[corr] = graphOrder.TryGetValue(corr, out long k) ? k + 1 : 0;
                row.GraphNode = graphOrder[corr];
            }
            row.StartNs = Checked.Add(start, -origin) ?? throw IngestException.File(path, "the trace spans more than the int64-ns range");
            rows.Add(row);
        }
        return rows;
    }

    private static long? Arg(JsonElement e, string name) =>
        e.TryGetProperty("args", out JsonElement a) && a.ValueKind == JsonValueKind.Object && a.TryGetProperty(name, out JsonElement v)
            && v.ValueKind == JsonValueKind.Number ? (v.TryGetInt64(out long l) ? l
                : v.TryGetDouble(out double d) && Math.Abs(d) < 9e18 ? (long)d : null) : null;

    private static string? Str(JsonElement e, string name)
    {
        try
        {
            return e.TryGetProperty(name, out JsonElement v) ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null => "",
                _ => null,
            } : "";
        }
        catch (InvalidOperationException)
        {
            return null; // invalid UTF-8 in the string: not a usable name
        }
    }

    private static readonly (string Name, bool Int32)[] s_args =
        [("device", true), ("stream", false), ("correlation", false), ("registers per thread", true), ("shared memory", false), ("bytes", false)];

    /// <summary>The first numeric arg we read whose value does not fit its type (an error, not a clamp), or null.</summary>
    private static string? BadArg(JsonElement e)
    {
        if (!e.TryGetProperty("args", out JsonElement a) || a.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach ((string name, bool int32) in s_args)
        {
            if (a.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number
                && (int32 ? !v.TryGetInt32(out _) && !(v.TryGetDouble(out double d) && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue)
                          : !v.TryGetInt64(out _) && !(v.TryGetDouble(out double d2) && d2 == Math.Floor(d2) && Math.Abs(d2) < 9e18)))
            {
                return name;
            }
        }
        return null;
    }

    private static int? ToInt(long? v) => v is >= int.MinValue and <= int.MaxValue ? (int)v.Value : null;

    private static bool TryMicros(JsonElement e, string name, out double value)
    {
        value = 0;
        return e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out value);
    }

    private static void SetDims(JsonElement e, string name, Action<(int?, int?, int?)> set)
    {
        if (e.TryGetProperty("args", out JsonElement a) && a.ValueKind == JsonValueKind.Object && a.TryGetProperty(name, out JsonElement v)
            && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 3
            && v[0].ValueKind == JsonValueKind.Number && v[1].ValueKind == JsonValueKind.Number && v[2].ValueKind == JsonValueKind.Number
            && v[0].TryGetInt32(out int x) && v[1].TryGetInt32(out int y) && v[2].TryGetInt32(out int z))
        {
            set((x, y, z));
        }
    }
}

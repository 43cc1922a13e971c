using System.Globalization;
using TraceReplay.Core.Requests;

namespace TraceReplay.Benchmarks.Replay;

/// <summary>The shipped Azure 2023 conversation trace (19,366 requests), and copies of it tiled in time.</summary>
public static class AzureConvTrace
{
    private const string RelativePath = "traces/azure-2023/AzureLLMInferenceTrace_conv.csv";

    /// <summary>Loads the trace found by walking up from the benchmark binary (arrivals from the first row, in ns).</summary>
    public static List<RequestRecord> Load()
    {
        string? file = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && file is null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativePath);
            file = File.Exists(candidate) ? candidate : null;
        }
        var list = new List<RequestRecord>();
        long first = 0;
        foreach (string line in File.ReadLines(file ?? throw new FileNotFoundException($"{RelativePath} not found above {AppContext.BaseDirectory}")).Skip(1))
        {
            string[] f = line.Split(',');
            long ticks = DateTime.ParseExact(f[0], "yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture).Ticks;
            first = list.Count == 0 ? ticks : first;
            list.Add(new RequestRecord(list.Count, (ticks - first) * 100, int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture)));
        }
        return list;
    }

    /// <summary>
    /// <paramref name="copies"/> back-to-back copies of <paramref name="trace"/>, copy k shifted by k x (span + mean gap)
    /// so arrivals stay sorted and the load stays the trace's. Streamed: nothing but the one copy is held.
    /// </summary>
    public static IEnumerable<RequestRecord> Tiled(IReadOnlyList<RequestRecord> trace, int copies)
    {
        long spanNs = trace[^1].ArrivalNs - trace[0].ArrivalNs;
        long periodNs = spanNs + spanNs / Math.Max(1, trace.Count - 1);
        for (int k = 0; k < copies; k++)
        {
            long shift = k * periodNs, idBase = (long)k * trace.Count;
            foreach (RequestRecord r in trace)
            {
                yield return r with { Id = idBase + r.Id, ArrivalNs = r.ArrivalNs + shift };
            }
        }
    }
}

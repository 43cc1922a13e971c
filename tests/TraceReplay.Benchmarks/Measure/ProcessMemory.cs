using System.Globalization;

namespace TraceReplay.Benchmarks.Measure;

/// <summary>Peak resident set of this process (Linux VmHWM), so each measurement runs in a fresh process.</summary>
public static class ProcessMemory
{
    public static long PeakRssBytes()
    {
        const string file = "/proc/self/status";
        if (!File.Exists(file))
        {
            return Environment.WorkingSet; // not Linux: current working set, not the peak
        }
        foreach (string line in File.ReadLines(file))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                string kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidDataException($"{file} has no VmHWM line");
    }
}

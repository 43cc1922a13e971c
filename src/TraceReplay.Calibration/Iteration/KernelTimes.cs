using Parquet;
using Parquet.Schema;
using TraceReplay.Calibration.Kernels;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.IO;
using TraceReplay.Core.Kernels;
using TraceReplay.Core.Operators;
using TraceReplay.Parquet;

namespace TraceReplay.Calibration.Iteration;

/// <summary>
/// Measured GPU time per op class from a canonical kernel Parquet (ingest's output), restricted to the rows whose
/// annotation path contains a filter (e.g. one <c>ProfilerStep#6</c>). Rows read = rows kept + rows outside the filter.
/// A filter that matches no row is an error that lists the outermost ranges the file has.
/// </summary>
/// <param name="ByClass">Op class name -> (kernel rows, summed duration in us).</param>
public sealed record KernelTimes(string Path, int RowsRead, int RowsKept, SortedDictionary<string, (int Kernels, double DurUs)> ByClass)
{
    /// <summary>Through the guarded Parquet path: a damaged file is an <see cref="InputException"/> naming it.</summary>
    public static KernelTimes Read(string path, string? nvtxContains) =>
        ParquetInput.Guard(path, () => ReadAsync(path, nvtxContains)).GetAwaiter().GetResult();

    private static async Task<KernelTimes> ReadAsync(string path, string? nvtxContains)
    {
        await using ParquetReader reader = await ParquetInput.OpenAsync(path).ConfigureAwait(false);
        DataField[] fields = reader.Schema.GetDataFields();
        DataField Field(string name) => KernelParquetColumns.Required(fields, name, path, "the canonical kernel Parquet written by `tracereplay ingest kernels`");
        DataField cls = Field(KernelColumns.OpClass), dur = Field(KernelColumns.DurNs), nvtx = Field(KernelColumns.NvtxPath);
        var byClass = new SortedDictionary<string, (int, double)>(StringComparer.Ordinal);
        var outermost = new SortedSet<string>(StringComparer.Ordinal);
        int rows = 0, kept = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            int n = ParquetInput.GroupRows(group.RowCount, path);
            string?[] classes = await KernelParquetColumns.Strings(group, cls, n).ConfigureAwait(false);
            string?[] paths = await KernelParquetColumns.Strings(group, nvtx, n).ConfigureAwait(false);
            double?[] durs = await KernelParquetColumns.Doubles(group, dur, n, path, "ns").ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                rows++;
                if (paths[i] is string p && outermost.Count < MaxRangesListed + 1)
                {
                    outermost.Add(p.Split(" > ", 2)[0]);
                }
                if (nvtxContains is not null && (paths[i] is null || !paths[i]!.Contains(nvtxContains, StringComparison.Ordinal)))
                {
                    continue;
                }
                string name = OpClassNames.Parse(classes[i] ?? throw new InvalidDataException($"{path}: row {rows}: field '{KernelColumns.OpClass}': expected an op class, got null")).ToName();
                byClass.TryGetValue(name, out (int K, double Us) a);
                double d = durs[i] ?? throw new InvalidDataException($"{path}: row {rows}: field '{KernelColumns.DurNs}': expected a duration in ns, got null");
                byClass[name] = (a.K + 1, a.Us + d / 1000.0);
                kept++;
            }
        }
        if (nvtxContains is not null && kept == 0)
        {
            throw new InvalidDataException(outermost.Count == 0
                ? $"{path}: --nvtx '{nvtxContains}' matches nothing: no kernel row has an annotation (NVTX / profiler range) path; leave --nvtx out"
                : $"{path}: --nvtx '{nvtxContains}' matches no kernel's annotation path; outermost ranges found: " +
                  string.Join(", ", outermost.Take(MaxRangesListed)) + (outermost.Count > MaxRangesListed ? ", ..." : ""));
        }
        return new KernelTimes(path, rows, kept, byClass);
    }

    private const int MaxRangesListed = 20;
}

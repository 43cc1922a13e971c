using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.IO;
using TraceReplay.Core.Kernels;
using TraceReplay.Parquet;

namespace TraceReplay.Calibration.Captures;

/// <summary>
/// Reads a canonical kernel Parquet made by <c>tracereplay ingest kernels</c> from a capture-kit trace and groups its
/// kernels by their innermost <c>tr::</c> annotation (the last <c>tr::</c> segment of <c>nvtx_path</c>, joined by
/// <c>" &gt; "</c>): kernel durations are summed per range instance (one per <c>rep</c>) and averaged over <c>rep</c>.
/// Kernels outside any <c>tr::</c> range (warm-ups) and Nsight Compute rows (source ncu-*) are counted, not used.
/// </summary>
public static class CaptureKernelReader
{
    public const string SyntheticKernelPrefix = "tr_synthetic_";

    /// <summary>Through the guarded Parquet path: a damaged file is an <see cref="InputException"/> naming it.</summary>
    public static CaptureKernels Read(string path) => ParquetInput.Guard(path, () => ReadAsync(path)).GetAwaiter().GetResult();

    private static async Task<CaptureKernels> ReadAsync(string path)
    {
        await using ParquetReader reader = await ParquetInput.OpenAsync(path).ConfigureAwait(false);
        DataField[] fields = reader.Schema.GetDataFields();
        DataField Field(string name) => fields.FirstOrDefault(f => f.Name == name)
            ?? throw new InvalidDataException($"{path}: missing column '{name}'; expected the canonical kernel Parquet ({KernelColumns.NvtxPath}, {KernelColumns.DurNs})");
        DataField nvtx = Field(KernelColumns.NvtxPath), dur = Field(KernelColumns.DurNs), kind = Field(KernelColumns.Kind), name = Field(KernelColumns.NameFull), source = Field(KernelColumns.Source);
        bool synthetic = false;
        // annotation without rep -> rep -> (summed ns, kernels)
        var byShape = new SortedDictionary<string, (KernelAnnotation Shape, SortedDictionary<int, (long Ns, int Kernels)> Reps)>(StringComparer.Ordinal);
        int rows = 0, outside = 0, nonKernel = 0, ncu = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            int n = ParquetInput.GroupRows(group.RowCount, path);
            var paths = new string?[n];
            var kinds = new string?[n];
            await group.ReadAsync(nvtx, paths.AsMemory()).ConfigureAwait(false);
            await group.ReadAsync(kind, kinds.AsMemory()).ConfigureAwait(false);
            var sources = new string?[n];
            await group.ReadAsync(source, sources.AsMemory()).ConfigureAwait(false);
            var names = new string?[n];
            await group.ReadAsync(name, names.AsMemory()).ConfigureAwait(false);
            // capture.py --simulate names every kernel tr_synthetic_<op>_kernel: such timings are a formula, not a GPU.
            synthetic |= names.Any(x => x?.StartsWith(SyntheticKernelPrefix, StringComparison.Ordinal) == true);
            long?[] durs = await ReadLongs(group, dur, n).ConfigureAwait(false);
            for (int i = 0; i < n; i++)
            {
                rows++;
                if (sources[i]?.StartsWith("ncu", StringComparison.Ordinal) == true)
                {
                    ncu++;
                    continue; // the kit's Nsight Compute pass: DRAM bytes under replay, one launch per shape; not a timing
                }
                if (kinds[i] != "kernel")
                {
                    nonKernel++;
                    continue; // memcpy/memset rows: not part of an operator's kernel time
                }
                string? inner = paths[i]?.Split(" > ").LastOrDefault(KernelAnnotation.IsCandidate);
                if (inner is null)
                {
                    outside++;
                    continue;
                }
                KernelAnnotation a;
                try
                {
                    a = KernelAnnotation.Parse(inner);
                }
                catch (FormatException ex)
                {
                    throw new InvalidDataException($"{path}: row {rows}, column {KernelColumns.NvtxPath}: {ex.Message}", ex);
                }
                int rep = a.Rep ?? throw new InvalidDataException($"{path}: row {rows}, column {KernelColumns.NvtxPath}: annotation '{inner}' has no rep key; expected ...,rep=<i>");
                long ns = durs[i] ?? throw new InvalidDataException($"{path}: row {rows}, column {KernelColumns.DurNs}: empty; expected the kernel duration in ns");
                var shape = a with { Shape = [.. a.Shape.Where(p => p.Key != "rep")] };
                string key = shape.ToString();
                if (!byShape.TryGetValue(key, out var entry))
                {
                    entry = (shape, new SortedDictionary<int, (long, int)>());
                    byShape[key] = entry;
                }
                entry.Reps[rep] = entry.Reps.TryGetValue(rep, out var t) ? (t.Ns + ns, t.Kernels + 1) : (ns, 1);
            }
        }
        List<CaptureMeasurement> measurements = [.. byShape.Values.Select(v => new CaptureMeasurement(
            v.Shape, [.. v.Reps.Values.Select(r => r.Ns / 1000.0)], v.Reps.Values.Sum(r => r.Kernels)))];
        return new CaptureKernels(path, measurements, rows, outside, nonKernel, ncu, synthetic);
    }

    private static async Task<long?[]> ReadLongs(ParquetRowGroupReader group, DataField field, int n)
    {
        if (field.IsNullable)
        {
            var values = new long?[n];
            await group.ReadAsync(field, values.AsMemory()).ConfigureAwait(false);
            return values;
        }
        var plain = new long[n];
        await group.ReadAsync(field, plain.AsMemory()).ConfigureAwait(false);
        return [.. plain.Select(v => (long?)v)];
    }
}

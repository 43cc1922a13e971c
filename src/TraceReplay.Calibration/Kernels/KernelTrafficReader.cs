using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.IO;
using TraceReplay.Core.Kernels;
using TraceReplay.Core.Operators;
using TraceReplay.Parquet;

namespace TraceReplay.Calibration.Kernels;

/// <summary>
/// Reads measured DRAM bytes from a canonical kernel Parquet (<see cref="KernelColumns"/>). Rows that also carry
/// <see cref="AnalyticBytesColumn"/> (the operator's analytic HBM bytes, filled where ingest recovered the shape)
/// give the analytic-to-measured ratio of their op class; so do rows a <see cref="KernelShapes"/> annotation names.
/// </summary>
public static class KernelTrafficReader
{
    /// <summary>Calibration's extension column: analytic HBM bytes of the operator the kernel ran, where known.</summary>
    public const string AnalyticBytesColumn = "analytic_hbm_bytes";

    /// <summary>Through the guarded Parquet path: a damaged file is an <see cref="InputException"/> naming it.</summary>
    public static KernelTrafficSummary Read(string path, KernelShapes? shapes = null) =>
        ParquetInput.Guard(path, () => ReadAsync(path, shapes)).GetAwaiter().GetResult();

    private static async Task<KernelTrafficSummary> ReadAsync(string path, KernelShapes? shapes)
    {
        await using ParquetReader reader = await ParquetInput.OpenAsync(path).ConfigureAwait(false);
        DataField[] fields = reader.Schema.GetDataFields();
        string expected = $"the canonical kernel Parquet ({KernelColumns.OpClass}, {KernelColumns.DramReadBytes}, {KernelColumns.DramWriteBytes}{(shapes is null ? "" : $", {KernelColumns.SourceRow}, {KernelColumns.NameShort}")})";
        DataField Field(string name) => KernelParquetColumns.Required(fields, name, path, expected);
        DataField? Maybe(string name) => shapes is null ? KernelParquetColumns.Optional(fields, name) : Field(name);
        DataField cls = Field(KernelColumns.OpClass), read = Field(KernelColumns.DramReadBytes), write = Field(KernelColumns.DramWriteBytes);
        DataField? analytic = KernelParquetColumns.Optional(fields, AnalyticBytesColumn);
        DataField? sourceRow = Maybe(KernelColumns.SourceRow), nameShort = Maybe(KernelColumns.NameShort);
        var ratios = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        var measured = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        var kernels = new List<KernelTrafficRow>();
        var matched = new HashSet<long>();
        int rows = 0, rowsMeasured = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            int n = ParquetInput.GroupRows(group.RowCount, path);
            string?[] classes = await KernelParquetColumns.Strings(group, cls, n).ConfigureAwait(false);
            double?[] reads = await Bytes(read).ConfigureAwait(false);
            double?[] writes = await Bytes(write).ConfigureAwait(false);
            double?[]? analytics = analytic is null ? null : await Bytes(analytic).ConfigureAwait(false);
            double?[]? sourceRows = sourceRow is null ? null : await Bytes(sourceRow).ConfigureAwait(false);
            string?[]? names = nameShort is null ? null : await KernelParquetColumns.Strings(group, nameShort, n).ConfigureAwait(false);
            Task<double?[]> Bytes(DataField f) => KernelParquetColumns.Doubles(group, f, n, path, "bytes");
            for (int i = 0; i < n; i++)
            {
                rows++;
                long? key = sourceRows?[i] is double k ? (long)k : null;
                KernelShape? shape = shapes is not null && key is long kk && shapes.TryGet(kk, out KernelShape s) ? s : null;
                if (shape is { } sh && !matched.Add(sh.SourceRow))
                {
                    throw new InvalidDataException($"{shapes!.Path}: line {sh.Line}, field '{KernelColumns.SourceRow}': {sh.SourceRow} matches several rows of {path}; expected a unique source_row (ingest one file per kernel Parquet)");
                }
                string? c = classes[i];
                double? r = reads[i], w = writes[i];
                if (c is null || r is null || w is null)
                {
                    if (shape is { } unmeasured)
                    {
                        throw new InvalidDataException($"{shapes!.Path}: line {unmeasured.Line}, field '{KernelColumns.SourceRow}': kernel {unmeasured.SourceRow} of {path} has no DRAM bytes or op class; expected a kernel profiled by Nsight Compute");
                    }
                    continue; // not profiled by Nsight Compute: no DRAM counters to compare
                }
                string name = OpClassNames.Parse(c).ToName();
                double? a = analytics?[i];
                string? kind = null;
                if (shape is { } known)
                {
                    a = Annotated(known, shapes!.Path, path, name, names?[i], analytics?[i]);
                    kind = known.Op.Kind.ToSnakeName();
                }
                var row = new KernelTrafficRow(key, names?[i], name, r.Value, w.Value, a is > 0 ? a : null, kind);
                kernels.Add(row);
                rowsMeasured++;
                Add(measured, name, row.MeasuredBytes);
                if (row.MeasuredOverAnalytic is double ratio)
                {
                    Add(ratios, name, ratio);
                }
            }
        }
        if (shapes is not null && shapes.All.FirstOrDefault(s => !matched.Contains(s.SourceRow)) is { Line: > 0 } missing)
        {
            throw new InvalidDataException($"{shapes.Path}: line {missing.Line}, field '{KernelColumns.SourceRow}': {missing.SourceRow} is not a source_row of {path}; expected a kernel of that Parquet");
        }
        return new KernelTrafficSummary
        {
            Path = path, ShapesPath = shapes?.Path, RowsRead = rows, RowsMeasured = rowsMeasured, RowsAnnotated = matched.Count,
            Ratios = ratios, MeasuredBytes = measured, Kernels = kernels,
        };
    }

    /// <summary>The annotated analytic bytes, after checking the annotation names the kernel and class the Parquet has.</summary>
    private static double Annotated(KernelShape s, string shapesPath, string path, string parquetClass, string? parquetName, double? parquetAnalytic)
    {
        if (!string.Equals(parquetName, s.NameShort, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{shapesPath}: line {s.Line}, field '{KernelColumns.NameShort}': '{s.NameShort}'; expected '{parquetName}' (name_short of source_row {s.SourceRow} in {path})");
        }
        string coreClass = s.Op.Kind.Class().ToName();
        if (coreClass != parquetClass)
        {
            throw new InvalidDataException($"{shapesPath}: line {s.Line}, field 'op_kind': '{s.Op.Kind.ToSnakeName()}' is op class {coreClass}; expected an operator of class {parquetClass} (the class ingest gave source_row {s.SourceRow})");
        }
        if (parquetAnalytic is not null)
        {
            throw new InvalidDataException($"{shapesPath}: line {s.Line}: source_row {s.SourceRow} already has {AnalyticBytesColumn} in {path}; expected one source of analytic bytes per kernel");
        }
        return s.Op.Bytes.TotalBytes;
    }

    private static void Add(SortedDictionary<string, List<double>> map, string key, double v)
    {
        if (!map.TryGetValue(key, out List<double>? list))
        {
            map[key] = list = [];
        }
        list.Add(v);
    }
}

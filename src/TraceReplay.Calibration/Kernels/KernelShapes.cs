using System.Globalization;
using TraceReplay.Calibration.Predict;
using TraceReplay.Core.IO;
using TraceReplay.Core.Kernels;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Kernels;

/// <summary>
/// A kernel-shape annotation (<c>--kernel-shapes</c>): which Core operator each profiled kernel ran, so its analytic
/// HBM bytes can be compared with the measured DRAM bytes. One row per annotated kernel, keyed by the kernel Parquet's
/// <c>source_row</c> (the 1-based line of the kernel in the ingested file) and checked against its <c>name_short</c>
/// (the CSV's columns carry the Parquet's names, <see cref="KernelColumns"/>);
/// the other columns are the op-shape CSV's (<see cref="OpShapeCsv"/>: op_kind, flops, hbm_bytes, tokens, ...).
/// </summary>
public sealed class KernelShapes
{
    private readonly Dictionary<long, KernelShape> _byRow;

    private KernelShapes(string path, Dictionary<long, KernelShape> byRow)
    {
        Path = path;
        _byRow = byRow;
    }

    public string Path { get; }

    public IReadOnlyCollection<KernelShape> All => _byRow.Values;

    public bool TryGet(long sourceRow, out KernelShape shape) => _byRow.TryGetValue(sourceRow, out shape);

    public static KernelShapes Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--kernel-shapes {path}: file not found");
        }
        CsvTable t = CsvTable.Read(path);
        foreach (string col in new[] { KernelColumns.SourceRow, KernelColumns.NameShort }.Concat(OpShapeCsv.Required))
        {
            t.Column(col); // throws "missing column" naming the file
        }
        var byRow = new Dictionary<long, KernelShape>();
        for (int i = 0; i < t.Rows.Count; i++)
        {
            string rowText = t.Text(i, t.Column(KernelColumns.SourceRow)).Trim();
            if (!long.TryParse(rowText, NumberStyles.None, CultureInfo.InvariantCulture, out long sourceRow) || sourceRow < 1)
            {
                throw new InvalidDataException($"{path}: line {t.Lines[i]}, field '{KernelColumns.SourceRow}': '{rowText}'; expected a positive integer (the kernel Parquet's source_row)");
            }
            string name = t.Text(i, t.Column(KernelColumns.NameShort)).Trim();
            if (name.Length == 0)
            {
                throw new InvalidDataException($"{path}: line {t.Lines[i]}, field '{KernelColumns.NameShort}': empty; expected the kernel's name_short, as in the kernel Parquet");
            }
            Operator op = OpShapeCsv.Read(t, i);
            if (op.Bytes.TotalBytes <= 0)
            {
                throw new InvalidDataException($"{path}: line {t.Lines[i]}, field 'hbm_bytes': 0; expected the operator's analytic HBM bytes (> 0)");
            }
            if (!byRow.TryAdd(sourceRow, new KernelShape(sourceRow, name, op, t.Lines[i])))
            {
                throw new InvalidDataException($"{path}: line {t.Lines[i]}, field '{KernelColumns.SourceRow}': {sourceRow} is annotated twice (first on line {byRow[sourceRow].Line}); expected one row per kernel");
            }
        }
        return new KernelShapes(path, byRow);
    }
}

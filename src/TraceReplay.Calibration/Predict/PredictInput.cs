using TraceReplay.Calibration.KernelDb;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.IO;

namespace TraceReplay.Calibration.Predict;

/// <summary>
/// <c>predict</c>'s one entry: detects the input's layout from its columns (never its extension) and runs the matching
/// predictor. Measured-kernel tables (Parquet or CSV) may be written as CSV or Parquet (by the output's extension);
/// op-shape and Vidur CSVs are written as CSV. A file of no known layout is an error naming every layout known.
/// </summary>
public static class PredictInput
{
    public sealed record Outcome(PredictSummary Summary, IReadOnlyDictionary<string, int> NotExpressed);

    public static string KnownLayouts =>
        $"op-shape CSV ({string.Join(", ", OpShapeCsv.Required)}, ...); Vidur mlp.csv / attention.csv / all_reduce.csv; measured-kernel tables: {KernelTableLayouts.Describe()}";

    public static Outcome Run(string input, string output, CalibratedCostModel model)
    {
        if (KernelTable.IsParquet(input))
        {
            return Kernels(KernelTable.Read(input), output, model);
        }
        CsvTable csv = CsvTable.Read(input);
        if (KernelTableLayouts.Detect(csv.Header.ToArray(), out _) is not null)
        {
            return Kernels(KernelTable.Read(input), output, model);
        }
        if (!OpShapeCsv.Matches(csv) && VidurCsv.Detect(csv) is null)
        {
            throw new InvalidDataException($"{input}: columns ({string.Join(", ", csv.Header)}) match no layout predict knows; known: {KnownLayouts}");
        }
        if (Path.GetExtension(output).Equals(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"-o {output}: op-shape and Vidur inputs are written as CSV; give an output ending in .csv");
        }
        return new Outcome(OpsPredictor.Run(input, output, model), new Dictionary<string, int>());
    }

    private static Outcome Kernels(KernelTable t, string output, CalibratedCostModel model)
    {
        KernelTablePredictor.Result r = KernelTablePredictor.Run(t, output, model);
        return new Outcome(r.Summary, r.NotExpressed);
    }
}

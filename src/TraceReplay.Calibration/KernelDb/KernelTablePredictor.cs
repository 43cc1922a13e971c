using System.Globalization;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Predict;

namespace TraceReplay.Calibration.KernelDb;

/// <summary>
/// <c>predict</c> over a measured-kernel table: every input column plus <c>pred.latency_ms</c> (milliseconds per call).
/// A row the tool cannot express (a dtype it does not model, ...) gets an empty prediction and is counted with its reason.
/// </summary>
public static class KernelTablePredictor
{
    public const string Column = "pred.latency_ms";

    public sealed record Result(PredictSummary Summary, IReadOnlyDictionary<string, int> NotExpressed);

    public static Result Run(KernelTable t, string output, CalibratedCostModel model)
    {
        var rows = new List<string?[]>(t.Rows.Count);
        var notExpressed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int predicted = 0;
        for (int r = 0; r < t.Rows.Count; r++)
        {
            string? cell = null;
            if (KernelSamples.TryRow(t, r, Path.GetFileName(t.Path), out KernelSample s, out string? why))
            {
                cell = (model.Estimate(s.Sample.Op).LatencyUs / 1000.0).ToString("G9", CultureInfo.InvariantCulture);
                predicted++;
            }
            else
            {
                notExpressed[why!] = notExpressed.GetValueOrDefault(why!) + 1;
            }
            rows.Add([.. t.Rows[r], cell]);
        }
        KernelTableWriter.Write(output, [.. t.Header, Column], rows);
        return new Result(new PredictSummary(KernelTableLayouts.Name(t.Layout), t.Rows.Count, t.Rows.Count, predicted, [Column]), notExpressed);
    }
}

using System.Globalization;
using System.Text;
using TraceReplay.Core.IO;

namespace TraceReplay.Cli.Validation;

/// <summary>
/// <c>validation.csv</c>: every input column as read, then <c>pred_ttft_ms</c>, <c>pred_tpot_ms</c>, <c>pred_note</c>
/// (why the row was not expressed; empty when it was) and <c>split</c> (tuning or held_out), one row per input row in
/// input order. Written atomically.
/// </summary>
public static class ValidationCsvWriter
{
    public const string FileName = "validation.csv";

    public static void Write(string path, MeasuredFile input, IReadOnlyList<ValidationRow> results)
    {
        var sb = new StringBuilder();
        Line(sb, [.. input.Header, "pred_ttft_ms", "pred_tpot_ms", "pred_note", "split"]);
        for (int i = 0; i < results.Count; i++)
        {
            ValidationRow r = results[i];
            Line(sb, [.. input.Cells[i], Num(r.PredTtftMs), Num(r.PredTpotMs), r.Note ?? "", r.HeldOut ? "held_out" : "tuning"]);
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static string Num(double v) => double.IsFinite(v) ? Math.Round(v, 4).ToString("R", CultureInfo.InvariantCulture) : "";

    private static void Line(StringBuilder sb, IEnumerable<string> cells)
    {
        sb.AppendJoin(',', cells.Select(Quote));
        sb.Append('\n');
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}

using System.Globalization;
using System.Text;
using TraceReplay.Calibration.Fitting;

namespace TraceReplay.Calibration.Reports;

/// <summary>Small Markdown helpers (invariant culture, fixed decimals) so reports are byte-stable.</summary>
internal static class Md
{
    public static string F(double v, int decimals = 1) => double.IsNaN(v) ? "-" : v.ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>An error summary's cells, in the reports' column order: samples, MAPE %, median APE %, p90 APE %.</summary>
    public static string[] Errors(ErrorStats s) => [s.Count.ToString(), F(s.MapePct), F(s.MedianPct), F(s.P90Pct)];

    public static void Table(StringBuilder sb, string[] header, IEnumerable<string[]> rows)
    {
        sb.Append("| ").AppendJoin(" | ", header).Append(" |\n");
        sb.Append('|').AppendJoin("|", header.Select(_ => "---")).Append("|\n");
        foreach (string[] r in rows)
        {
            sb.Append("| ").AppendJoin(" | ", r).Append(" |\n");
        }
        sb.Append('\n');
    }
}

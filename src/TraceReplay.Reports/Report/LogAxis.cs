using ScottPlot;
using ScottPlot.TickGenerators;
using TraceReplay.Reports.Text;

namespace TraceReplay.Reports.Report;

/// <summary>
/// Log-scaled plot axes. ScottPlot 5 has no log axis: the data are plotted as log10 and the ticks are labelled with
/// the values they stand for (with minor ticks at 2..9 of each decade).
/// </summary>
public static class LogAxis
{
    /// <summary>Values whose positive finite range spans at least two decades are plotted on a log axis.</summary>
    public const double MinSpanForLog = 100;

    public static bool Spans(IEnumerable<double> values)
    {
        double[] positive = [.. values.Where(v => double.IsFinite(v) && v > 0)];
        return positive.Length >= 2 && positive.Max() / positive.Min() >= MinSpanForLog;
    }

    /// <summary>The coordinates to plot: log10 of each value on a log axis (non-positive values become NaN, not drawn).</summary>
    public static double[] Coordinates(IEnumerable<double> values, bool log) =>
        log ? [.. values.Select(v => v > 0 ? Math.Log10(v) : double.NaN)] : [.. values];

    /// <summary>Labels <paramref name="axis"/> as a log10 axis of the original values.</summary>
    public static void Use(IAxis axis)
    {
        axis.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = exponent => Fmt.Sig(Math.Pow(10, exponent)),
        };
    }
}

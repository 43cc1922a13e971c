using System.Globalization;

namespace TraceReplay.Reproductions.Output;

/// <summary>Invariant, fixed-precision formatting so written reports are byte-stable.</summary>
public static class Fmt
{
    public static string F(double v, int decimals = 1) =>
        double.IsNaN(v) ? "-" : v.ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    public static string Gb(double bytes) => (bytes / 1e9).ToString("F1", CultureInfo.InvariantCulture) + " GB";
}

using System.Globalization;

namespace TraceReplay.Reports.Text;

/// <summary>Invariant-culture number formatting for reports; "-" for NaN and infinities.</summary>
public static class Fmt
{
    /// <summary>Four significant digits (whole numbers below 1e6 as integers), scientific notation outside [1e-3, 1e6).</summary>
    public static string Sig(double v)
    {
        if (!double.IsFinite(v))
        {
            return "-";
        }
        if (v == 0)
        {
            return "0";
        }
        double a = Math.Abs(v);
        if (a < 1e6 && v == Math.Floor(v))
        {
            return ((long)v).ToString(CultureInfo.InvariantCulture);
        }
        if (a >= 1e6 || a < 1e-3)
        {
            return v.ToString("0.000e+0", CultureInfo.InvariantCulture);
        }
        int decimals = Math.Max(0, 3 - (int)Math.Floor(Math.Log10(a)));
        return Math.Round(v, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>Signed, four significant digits.</summary>
    public static string Signed(double v) => double.IsFinite(v) && v > 0 ? "+" + Sig(v) : Sig(v);

    public static string Fixed(double v, int decimals) =>
        double.IsFinite(v) ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : "-";

    /// <summary>A fraction as a signed percentage with two decimals.</summary>
    /// <summary>A signed percentage with two decimals; a change that rounds to zero prints "0.00%" (never "-0.00%").</summary>
    public static string SignedPct(double fraction)
    {
        if (!double.IsFinite(fraction))
        {
            return "-";
        }
        string pct = (fraction * 100).ToString("F2", CultureInfo.InvariantCulture);
        return pct is "0.00" or "-0.00" ? "0.00%" : (fraction > 0 ? "+" : "") + pct + "%";
    }

    public static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>An integer with thousands separators (1,234,567).</summary>
    public static string Thousands(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Bytes in GB (1e9), one decimal.</summary>
    public static string Gb(double bytes) => Fixed(bytes / 1e9, 1) + " GB";
}

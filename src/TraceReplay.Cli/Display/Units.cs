using System.Globalization;

namespace TraceReplay.Cli.Display;

/// <summary>Human formatting with explicit units (SI prefixes, invariant culture).</summary>
public static class Units
{
    public static string Si(double value, string unit, int decimals = 2)
    {
        if (double.IsInfinity(value) || double.IsNaN(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }
        string[] prefixes = ["", "K", "M", "G", "T", "P", "E"];
        int i = 0;
        double v = Math.Abs(value);
        while (v >= 1000 && i < prefixes.Length - 1)
        {
            v /= 1000;
            i++;
        }
        return (Math.Sign(value) * v).ToString("F" + decimals, CultureInfo.InvariantCulture) + " " + prefixes[i] + unit;
    }

    public static string Fixed(double value, int decimals = 2) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}

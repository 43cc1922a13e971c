using System.Globalization;

namespace TraceReplay.Ingest.Text;

/// <summary>Invariant-culture field parsing that reports what was expected instead of throwing.</summary>
public static class Fields
{
    public const NumberStyles Integer = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign;
    public const NumberStyles Real = NumberStyles.Float;

    /// <summary>Non-negative integer token count (a float with zero fraction, e.g. "12.0", is accepted).</summary>
    public static string? TokenCount(string text, out int value)
    {
        if (int.TryParse(text, Integer, CultureInfo.InvariantCulture, out value) ||
            (double.TryParse(text, Real, CultureInfo.InvariantCulture, out double d) && d == Math.Floor(d) && d <= int.MaxValue && d >= int.MinValue && (value = (int)d) == d))
        {
            return value < 0 ? $"expected a non-negative token count, got {value}" : null;
        }
        return $"expected an integer token count, got '{Clip(text)}'";
    }

    public static string? Double(string text, out double value, string what = "a number")
    {
        if (double.TryParse(text, Real, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return null;
        }
        return $"expected {what}, got '{Clip(text)}'";
    }

    public static string? Long(string text, out long value, string what = "an integer")
    {
        if (long.TryParse(text, Integer, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }
        return $"expected {what}, got '{Clip(text)}'";
    }

    public static string Clip(string s) => s.Length <= 60 ? s : s[..57] + "...";
}

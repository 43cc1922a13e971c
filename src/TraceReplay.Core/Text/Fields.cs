using System.Globalization;
using System.Text;

namespace TraceReplay.Core.Text;

/// <summary>
/// Invariant-culture field parsing that reports what was expected instead of throwing, from text or straight from
/// the UTF-8 bytes of a CSV field (no string per row; the text is decoded only for the error message). Numbers outside
/// the target type's range are errors, never clamps.
/// </summary>
public static class Fields
{
    public const NumberStyles Integer = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign;
    public const NumberStyles Real = NumberStyles.Float;

    /// <summary>Non-negative integer token count (a float with zero fraction, e.g. "12.0", is accepted).</summary>
    public static string? TokenCount(string text, out int value) => TokenCount(Encoding.UTF8.GetBytes(text), out value);

    public static string? TokenCount(ReadOnlySpan<byte> utf8, out int value)
    {
        if (int.TryParse(utf8, Integer, CultureInfo.InvariantCulture, out value) ||
            (double.TryParse(utf8, Real, CultureInfo.InvariantCulture, out double d) && d == Math.Floor(d) && d <= int.MaxValue && d >= int.MinValue && (value = (int)d) == d))
        {
            return value < 0 ? $"expected a non-negative token count, got {value}" : null;
        }
        return $"expected an integer token count, got '{Clip(utf8)}'";
    }

    public static string? Double(string text, out double value, string what = "a number") => Double(Encoding.UTF8.GetBytes(text), out value, what);

    public static string? Double(ReadOnlySpan<byte> utf8, out double value, string what = "a number")
    {
        if (double.TryParse(utf8, Real, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return null;
        }
        return $"expected {what}, got '{Clip(utf8)}'";
    }

    public static string? Long(string text, out long value, string what = "an integer") => Long(Encoding.UTF8.GetBytes(text), out value, what);

    public static string? Long(ReadOnlySpan<byte> utf8, out long value, string what = "an integer")
    {
        if (long.TryParse(utf8, Integer, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }
        return $"expected {what}, got '{Clip(utf8)}'";
    }

    public static string Clip(string s) => s.Length <= 60 ? s : s[..57] + "...";

    public static string Clip(ReadOnlySpan<byte> utf8) => Clip(Encoding.UTF8.GetString(utf8[..Math.Min(utf8.Length, 240)]));
}

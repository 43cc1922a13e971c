using System.Globalization;

namespace TraceReplay.Core.Diagnostics;

/// <summary>
/// Range checks shared by readers and option parsing: numbers outside what the model can represent are errors, never
/// clamps or wraps. Times are int64 nanoseconds (about +-292 years); a time that does not fit is refused.
/// </summary>
public static class Checked
{
    /// <summary>Largest time in seconds that converts to int64 ns without overflow (2^63 ns is about 292 years).</summary>
    public const double MaxSeconds = 9.2e9;

    /// <summary>Seconds -> ns, or null when <paramref name="seconds"/> is NaN, infinite or beyond the int64-ns range.</summary>
    public static long? SecondsToNs(double seconds) =>
        double.IsFinite(seconds) && Math.Abs(seconds) <= MaxSeconds ? (long)Math.Round(seconds * 1e9) : null;

    /// <summary>A scale (ms: 1e6, us: 1e3) times a value -> ns, or null when out of the int64-ns range.</summary>
    public static long? ScaledToNs(double value, double nsPerUnit) => SecondsToNs(value * nsPerUnit / 1e9);

    /// <summary>An integer count of units (ms: 1,000,000 ns) -> ns, or null on int64 overflow.</summary>
    public static long? UnitsToNs(long value, long nsPerUnit) =>
        value <= long.MaxValue / nsPerUnit && value >= long.MinValue / nsPerUnit ? value * nsPerUnit : null;

    /// <summary>a + b, or null on int64 overflow.</summary>
    public static long? Add(long a, long b)
    {
        long sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) < 0 ? null : sum;
    }

    /// <summary>A finite, strictly positive, normal (not denormal) value; else an <see cref="ArgumentException"/> naming the option.</summary>
    public static double Positive(double value, string option, string unit) =>
        double.IsNormal(value) && value > 0 ? value
            : throw new ArgumentException($"{option} must be a positive number ({unit}), got {Show(value)}");

    public static double? Positive(double? value, string option, string unit) => value is { } v ? Positive(v, option, unit) : null;

    /// <summary>A finite value >= 0; else an <see cref="ArgumentException"/> naming the option.</summary>
    public static double NonNegative(double value, string option, string unit) =>
        double.IsFinite(value) && value >= 0 && (value == 0 || double.IsNormal(value)) ? value
            : throw new ArgumentException($"{option} must be a finite number >= 0 ({unit}), got {Show(value)}");

    public static double? NonNegative(double? value, string option, string unit) => value is { } v ? NonNegative(v, option, unit) : null;

    public static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

using System.Globalization;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// Turns source timestamps into ns from the first row and enforces time order: a row earlier than the one before
/// is rejected (request logs are sorted; sort the file first), never silently reordered.
/// </summary>
internal sealed class ArrivalClock
{
    private long? _firstNs;
    private long _lastNs = long.MinValue;

    public long? FirstNs => _firstNs;

    /// <summary>A time in seconds; beyond the int64-ns range (about 292 years) it is an error, not a wrap.</summary>
    public string? NextSeconds(double seconds, out long arrivalNs)
    {
        arrivalNs = 0;
        return Checked.SecondsToNs(seconds) is { } ns ? Next(ns, out arrivalNs) : OutOfRange(seconds.ToString("R", CultureInfo.InvariantCulture) + " s");
    }

    /// <summary>An integer time in units of <paramref name="nsPerUnit"/> ns (ms: 1,000,000).</summary>
    public string? NextUnits(long value, long nsPerUnit, string unit, out long arrivalNs)
    {
        arrivalNs = 0;
        return Checked.UnitsToNs(value, nsPerUnit) is { } ns ? Next(ns, out arrivalNs) : OutOfRange($"{value} {unit}");
    }

    /// <returns>Null and the arrival in ns, or an error message.</returns>
    public string? Next(long timestampNs, out long arrivalNs)
    {
        _firstNs ??= timestampNs;
        if (Checked.Add(timestampNs, -_firstNs.Value) is not { } relative)
        {
            arrivalNs = 0;
            return OutOfRange($"{timestampNs} ns after a first time of {_firstNs.Value} ns");
        }
        arrivalNs = relative;
        if (timestampNs < _lastNs)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"timestamp out of order: {(timestampNs - _lastNs) / 1e9:F3} s before the previous row; expected non-decreasing times (sort the file by time first)");
        }
        _lastNs = timestampNs;
        return null;
    }

    private static string OutOfRange(string found) =>
        $"time {found} is beyond the int64-nanosecond range (about +-292 years); expected a time in the source's unit (check the unit)";
}

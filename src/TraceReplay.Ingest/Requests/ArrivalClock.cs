using System.Globalization;

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

    /// <returns>Null and the arrival in ns, or an error message.</returns>
    public string? Next(long timestampNs, out long arrivalNs)
    {
        _firstNs ??= timestampNs;
        arrivalNs = timestampNs - _firstNs.Value;
        if (timestampNs < _lastNs)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"timestamp out of order: {(timestampNs - _lastNs) / 1e9:F3} s before the previous row; expected non-decreasing times (sort the file by time first)");
        }
        _lastNs = timestampNs;
        return null;
    }
}

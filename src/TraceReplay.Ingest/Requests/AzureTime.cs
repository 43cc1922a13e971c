using System.Globalization;
using System.Text;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// Azure trace timestamps from UTF-8 bytes: 2023 (<c>2023-11-16 18:15:46.6805900</c>, no zone), 2024
/// (<c>+00:00</c>, optional 6-digit fraction) and LMM 2025 (ISO <c>...Z</c>). Zone-less times are UTC. The common
/// zone-less shape is parsed from the digits (no string per row); anything else goes through the exact formats.
/// </summary>
internal static class AzureTime
{
    private static readonly string[] s_formats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:ssZ",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
    ];

    /// <returns>False with <paramref name="epochNs"/> = long.MaxValue when the time parses but lies outside the int64-ns range.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out long epochNs)
    {
        utf8 = utf8.Trim(" \t"u8);
        if (TryFast(utf8, out long ticks) || TryExact(utf8, out ticks))
        {
            // Years past 2262 do not fit int64 ns: an error, not a wrap.
            long? ns = Checked.UnitsToNs(ticks - DateTime.UnixEpoch.Ticks, 100);
            epochNs = ns ?? long.MaxValue; // long.MaxValue with false: parsed, but out of range
            return ns is not null;
        }
        epochNs = 0;
        return false;
    }

    /// <summary><c>yyyy-MM-dd[ T]HH:mm:ss[.f{1,7}]</c> exactly, with valid ranges; false defers to the formats.</summary>
    private static bool TryFast(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        if (s.Length < 19 || s.Length == 20 || s.Length > 27 || s[4] != '-' || s[7] != '-' || s[10] is not ((byte)' ' or (byte)'T')
            || s[13] != ':' || s[16] != ':' || (s.Length > 19 && s[19] != '.'))
        {
            return false;
        }
        int year = Digits(s, 0, 4), month = Digits(s, 5, 2), day = Digits(s, 8, 2);
        int hour = Digits(s, 11, 2), minute = Digits(s, 14, 2), second = Digits(s, 17, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }
        long fraction = 0;
        for (int i = 20; i < 27; i++)
        {
            int d = i < s.Length ? s[i] - '0' : 0;
            if ((uint)d > 9)
            {
                return false;
            }
            fraction = fraction * 10 + d;
        }
        ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fraction;
        return true;
    }

    /// <summary>Digits as a number; -1 when any is not a digit (which fails every range check above).</summary>
    private static int Digits(ReadOnlySpan<byte> s, int start, int count)
    {
        int v = 0;
        for (int i = start; i < start + count; i++)
        {
            int d = s[i] - '0';
            if ((uint)d > 9)
            {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static bool TryExact(ReadOnlySpan<byte> utf8, out long ticks)
    {
        Span<char> chars = stackalloc char[64];
        ticks = 0;
        if (utf8.Length > chars.Length || !Encoding.UTF8.TryGetChars(utf8, chars, out int n)
            || !DateTimeOffset.TryParseExact(chars[..n], s_formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset t))
        {
            return false;
        }
        ticks = t.UtcTicks;
        return true;
    }
}

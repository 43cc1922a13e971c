using System.Globalization;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>Units as written by nsys headers (<c>Start (ns)</c>) and ncu values (<c>Mbyte</c>, <c>us</c>): to ns and bytes.</summary>
internal static class Units
{
    /// <summary>Splits <c>Name (unit)</c> into its parts; unit is "" when absent.</summary>
    public static (string Name, string Unit) Split(string header)
    {
        string h = header.Trim();
        int open = h.LastIndexOf('(');
        return open > 0 && h.EndsWith(')') ? (h[..open].Trim(), h[(open + 1)..^1].Trim()) : (h, "");
    }

    public static double? TimeToNs(string unit) => unit.ToLowerInvariant() switch
    {
        "ns" or "nsecond" or "nsec" => 1,
        "us" or "usecond" or "usec" or "µs" => 1e3,
        "ms" or "msecond" or "msec" => 1e6,
        "s" or "second" or "sec" => 1e9,
        _ => null,
    };

    public static double? BytesScale(string unit) => unit switch
    {
        "B" or "byte" or "bytes" => 1,
        "KB" or "Kbyte" or "kB" => 1e3,
        "MB" or "Mbyte" => 1e6,
        "GB" or "Gbyte" => 1e9,
        "TB" or "Tbyte" => 1e12,
        "KiB" => 1024,
        "MiB" => 1024 * 1024,
        "GiB" => 1024.0 * 1024 * 1024,
        "sector" => 32, // DRAM/L2 sector = 32 B
        _ => null,
    };

    /// <summary>Parses ncu/nsys numbers: thousands separators, <c>n/a</c>/empty = null, <c>inf</c> = infinity.</summary>
    public static bool TryNumber(string text, out double? value)
    {
        string t = text.Trim().Replace(",", "", StringComparison.Ordinal);
        value = null;
        if (t.Length == 0 || t.Equals("n/a", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (t.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
        {
            value = v;
            return true;
        }
        return false;
    }

    /// <summary>Parses ncu's <c>(x, y, z)</c> or nsys 2022's <c>x y z</c> dimensions.</summary>
    public static bool TryDim3(string text, out int x, out int y, out int z)
    {
        string[] parts = text.Trim('(', ')', ' ', '"').Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        x = y = z = 0;
        return parts.Length == 3
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out x)
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out y)
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out z);
    }
}

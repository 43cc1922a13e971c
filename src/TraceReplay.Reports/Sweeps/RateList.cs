using System.Globalization;

namespace TraceReplay.Reports.Sweeps;

/// <summary>Parses <c>--rates</c>: <c>START:STOP:STEP</c> (inclusive, in req/s) or a comma list <c>1,2,4</c>.</summary>
public static class RateList
{
    public static IReadOnlyList<double> Parse(string text)
    {
        string t = text.Trim();
        if (t.Contains(':', StringComparison.Ordinal))
        {
            string[] p = t.Split(':');
            if (p.Length != 3 || !Num(p[0], out double start) || !Num(p[1], out double stop) || !Num(p[2], out double step) || step <= 0 || stop < start || start <= 0)
            {
                throw new ArgumentException($"--rates '{text}': expected START:STOP:STEP with 0 < START <= STOP and STEP > 0 (req/s), e.g. 1.0:2.0:0.1");
            }
            int n = (int)Math.Floor((stop - start) / step + 1e-9) + 1;
            if (n > 10_000)
            {
                throw new ArgumentException($"--rates '{text}': {n} rates; at most 10000");
            }
            // start + k x step, rounded to 1e-9 so 1.0:2.0:0.1 gives 1.1, not 1.1000000000000001.
            return [.. Enumerable.Range(0, n).Select(k => Math.Round(start + k * step, 9))];
        }
        var rates = new List<double>();
        foreach (string part in t.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Num(part, out double r) || r <= 0)
            {
                throw new ArgumentException($"--rates '{text}': '{part}' is not a positive number of requests per second");
            }
            rates.Add(r);
        }
        return rates;
    }

    /// <summary>
    /// How every sweep output prints a rate (req/s): the shortest text that reads back as the same double, so a rate
    /// prints as it was given (1.1, not 1.100) and two grid points never print alike.
    /// </summary>
    public static string Format(double ratePerS) => ratePerS.ToString("R", CultureInfo.InvariantCulture);

    private static bool Num(string s, out double v) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);
}

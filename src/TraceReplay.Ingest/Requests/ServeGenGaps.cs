using TraceReplay.Core.Requests;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// ServeGen inter-arrival gaps (Gamma or Weibull shape/scale) and the bound on how many requests one window may
/// generate: parameters whose mean gap would give more than <see cref="MaxRequestsPerWindow"/> are rejected before
/// any request is drawn, and generation stops with an error if a window still passes the cap (a gap too small to
/// advance time), so no parameters can make ingest loop or fill the disk.
/// </summary>
internal static class ServeGenGaps
{
    /// <summary>About 16,700 requests/s over a 600 s window; the shipped ServeGen clients peak near 400,000 per window.</summary>
    public const long MaxRequestsPerWindow = 10_000_000;

    public const double MinShape = 1e-3;

    public const double MaxShape = 1e6;

    public static double Next(Random random, string pattern, double shape, double scale) => pattern switch
    {
        "Weibull" => scale * Math.Pow(-Math.Log(1.0 - random.NextDouble()), 1.0 / shape),
        _ => GammaSampler.Sample(random, shape) * scale,
    };

    /// <summary>Null when the parameters are usable, else what is wrong with them.</summary>
    public static string? Check(string pattern, double shape, double scale, double windowS)
    {
        if (!(shape >= MinShape && shape <= MaxShape) || !double.IsNormal(scale) || scale <= 0 || scale > 1e9)
        {
            return $"expected shape in [{MinShape}, {MaxShape:G}] and scale in (0, 1e9] s";
        }
        double meanGapS = pattern == "Weibull" ? scale * Math.Exp(LnGamma(1 + 1 / shape)) : shape * scale;
        double expected = windowS / meanGapS;
        return double.IsFinite(meanGapS) && expected <= MaxRequestsPerWindow
            ? null
            : $"mean gap {meanGapS:G3} s gives {expected:G3} requests per window; expected at most {MaxRequestsPerWindow:N0}";
    }

    /// <summary>ln Gamma(x) for x &gt; 0 (Lanczos, g = 7, n = 9; relative error ~1e-15).</summary>
    internal static double LnGamma(double x)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LnGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++)
        {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }
}

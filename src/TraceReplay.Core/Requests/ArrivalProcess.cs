using System.Globalization;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Core.Requests;

/// <summary>
/// Synthetic inter-arrival process for re-timing length-only traces (<c>--rate R --arrival poisson|gamma:CV --seed N</c>).
/// Poisson = exponential gaps (CV 1); gamma:CV = gamma gaps with shape 1/CV^2 and the same mean 1/R, so CV &gt; 1 is
/// burstier than Poisson. Same rate, process and seed give the same arrivals (System.Random's seeded sequence).
/// </summary>
public sealed class ArrivalProcess
{
    private readonly Random _random;
    private readonly double _meanGapS;
    private double _nowS;

    public ArrivalProcess(double ratePerS, double cv, int seed)
    {
        if (!double.IsNormal(ratePerS) || ratePerS < MinRatePerS || ratePerS > MaxRatePerS)
        {
            throw new ArgumentException($"--rate must be a number of requests per second in [1e-6, 1e9], got {ratePerS.ToString(CultureInfo.InvariantCulture)}");
        }
        if (!double.IsNormal(cv) || cv < 1e-3 || cv > 1e3)
        {
            throw new ArgumentException($"expected an arrival CV (gamma:CV) in [0.001, 1000], got {cv.ToString(CultureInfo.InvariantCulture)}");
        }
        RatePerS = ratePerS;
        Cv = cv;
        Seed = seed;
        _meanGapS = 1.0 / ratePerS;
        _random = new Random(seed);
    }

    /// <summary>One request per ~11.6 days; slower rates put arrivals of long traces beyond the int64-ns range.</summary>
    public const double MinRatePerS = 1e-6;

    public const double MaxRatePerS = 1e9;

    public double RatePerS { get; }

    /// <summary>Coefficient of variation of the gaps (1 for Poisson).</summary>
    public double Cv { get; }

    public int Seed { get; }

    /// <summary>Parses <c>poisson</c> or <c>gamma:CV</c> (e.g. <c>gamma:2.5</c>).</summary>
    public static ArrivalProcess Parse(string spec, double ratePerS, int seed)
    {
        string s = spec.Trim().ToLowerInvariant();
        if (s == "poisson")
        {
            return new ArrivalProcess(ratePerS, 1.0, seed);
        }
        if (s.StartsWith("gamma:", StringComparison.Ordinal)
            && double.TryParse(s.AsSpan(6), NumberStyles.Float, CultureInfo.InvariantCulture, out double cv))
        {
            return new ArrivalProcess(ratePerS, cv, seed);
        }
        throw new ArgumentException($"--arrival '{spec}' is not understood; expected 'poisson' or 'gamma:CV' (e.g. gamma:2)");
    }

    /// <summary>Description stored in file metadata, e.g. <c>gamma:cv=2,rate=5,seed=1</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{(Cv == 1.0 ? "poisson" : "gamma")}:cv={Cv},rate={RatePerS},seed={Seed}");

    /// <summary>Next arrival in ns from the start; the first request arrives at 0.</summary>
    public long NextArrivalNs()
    {
        long ns = Checked.SecondsToNs(_nowS) ?? throw new ArgumentException(
            $"--rate {RatePerS.ToString(CultureInfo.InvariantCulture)}: arrivals pass {Checked.MaxSeconds:G3} s, beyond the int64-nanosecond time range; use a higher rate or fewer requests");
        _nowS += NextGapS();
        return ns;
    }

    public double NextGapS()
    {
        double shape = 1.0 / (Cv * Cv);
        return shape == 1.0
            ? -Math.Log(1.0 - _random.NextDouble()) * _meanGapS
            : GammaSampler.Sample(_random, shape) * (_meanGapS / shape);
    }
}

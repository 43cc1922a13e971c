using System.Globalization;

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
        if (!(ratePerS > 0) || double.IsInfinity(ratePerS))
        {
            throw new ArgumentException($"--rate must be a positive number of requests per second, got {ratePerS.ToString(CultureInfo.InvariantCulture)}");
        }
        if (!(cv > 0) || double.IsInfinity(cv))
        {
            throw new ArgumentException($"expected a positive arrival CV (gamma:CV), got {cv.ToString(CultureInfo.InvariantCulture)}");
        }
        RatePerS = ratePerS;
        Cv = cv;
        Seed = seed;
        _meanGapS = 1.0 / ratePerS;
        _random = new Random(seed);
    }

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
        long ns = (long)Math.Round(_nowS * 1e9);
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

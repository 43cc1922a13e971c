using System.Globalization;
using MathNet.Numerics.Distributions;
using TraceReplay.Core.Requests;

namespace TraceReplay.Simulation.Input;

/// <summary>
/// Re-times a length-only (or any) request stream at <c>--rate R</c> requests/s: Poisson (exponential gaps) or
/// Gamma gaps with a given coefficient of variation (shape 1/CV^2). The first request arrives at 0. Seeded.
/// Internal stand-in for Core's ArrivalProcess (being written for ingest); to be unified at merge.
/// </summary>
public sealed class ArrivalRetimer
{
    private readonly double _rate;
    private readonly double _shape;

    private ArrivalRetimer(double rate, double shape, string spec)
    {
        _rate = rate;
        _shape = shape;
        Spec = spec;
    }

    public string Spec { get; }

    /// <summary>Parses <c>poisson</c> or <c>gamma:CV</c> (CV &gt; 0; gamma:1 equals poisson).</summary>
    public static ArrivalRetimer Create(double ratePerS, string arrival)
    {
        if (!(ratePerS > 0) || !double.IsFinite(ratePerS))
        {
            throw new ArgumentException($"--rate must be a positive number of requests per second, got {ratePerS}");
        }
        string s = arrival.Trim().ToLowerInvariant();
        string spec = FormattableString.Invariant($"{s} at {ratePerS} req/s");
        if (s == "poisson")
        {
            return new ArrivalRetimer(ratePerS, 1, spec);
        }
        if (s.StartsWith("gamma:", StringComparison.Ordinal)
            && double.TryParse(s.AsSpan(6), NumberStyles.Float, CultureInfo.InvariantCulture, out double cv) && cv > 0 && double.IsFinite(cv))
        {
            return new ArrivalRetimer(ratePerS, 1 / (cv * cv), spec);
        }
        throw new FormatException($"--arrival '{arrival}': expected 'poisson' or 'gamma:CV' with CV > 0 (e.g. gamma:2)");
    }

    public IEnumerable<RequestRecord> Apply(IEnumerable<RequestRecord> requests, int seed)
    {
        var rng = new Random(seed);
        double t = 0;
        bool first = true;
        foreach (RequestRecord r in requests)
        {
            if (!first)
            {
                t += _shape == 1 ? Exponential.Sample(rng, _rate) : Gamma.Sample(rng, _shape, _shape * _rate);
            }
            first = false;
            yield return r with { ArrivalNs = (long)Math.Round(t * 1e9) };
        }
    }
}

using TraceReplay.Core.Requests;

namespace TraceReplay.Simulation.Input;

/// <summary>
/// Re-times a request stream at <c>--rate R</c> requests/s with Core's <see cref="ArrivalProcess"/> (Poisson, or
/// Gamma gaps with a given CV): the same process ingest uses, so replay and ingest re-time identically. Seeded.
/// </summary>
public sealed class ArrivalRetimer
{
    private readonly double _rate;
    private readonly string _arrival;

    private ArrivalRetimer(double rate, string arrival, string spec)
    {
        _rate = rate;
        _arrival = arrival;
        Spec = spec;
    }

    public string Spec { get; }

    /// <summary>Parses <c>poisson</c> or <c>gamma:CV</c> (CV &gt; 0; gamma:1 equals poisson).</summary>
    public static ArrivalRetimer Create(double ratePerS, string arrival)
    {
        _ = ArrivalProcess.Parse(arrival, ratePerS, 0); // validates rate and spec with errors naming the flag
        return new ArrivalRetimer(ratePerS, arrival, FormattableString.Invariant($"{arrival.Trim().ToLowerInvariant()} at {ratePerS} req/s"));
    }

    public IEnumerable<RequestRecord> Apply(IEnumerable<RequestRecord> requests, int seed)
    {
        ArrivalProcess process = ArrivalProcess.Parse(_arrival, _rate, seed);
        foreach (RequestRecord r in requests)
        {
            yield return r with { ArrivalNs = process.NextArrivalNs() };
        }
    }
}

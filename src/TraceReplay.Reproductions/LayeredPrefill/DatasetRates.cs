namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>The Poisson request rates (req/s) a model is run at on one dataset.</summary>
/// <param name="PaperRatesPerS">The paper's rates (§8): the claims are checked here.</param>
/// <param name="ExtendedRatesPerS">Higher rates, where TraceReplay's faster modelled system reaches its own SLO knee.</param>
public sealed record DatasetRates(string Dataset, IReadOnlyList<double> PaperRatesPerS, IReadOnlyList<double> ExtendedRatesPerS)
{
    public IEnumerable<(double RatePerS, bool AtPaperRate)> All =>
        PaperRatesPerS.Select(r => (r, true)).Concat(ExtendedRatesPerS.Select(r => (r, false)));
}

namespace TraceReplay.Ingest.Requests;

/// <summary>Options of <c>tracereplay ingest requests</c>.</summary>
/// <param name="RatePerS">Re-time with a synthetic arrival process at this rate (required for length-only traces).</param>
/// <param name="Arrival"><c>poisson</c> or <c>gamma:CV</c>.</param>
/// <param name="DurationS">Generated formats (ServeGen): stop after this many seconds of trace.</param>
public sealed record RequestIngestOptions(
    IReadOnlyList<string> Inputs,
    string Output,
    string Format = "auto",
    long MaxErrors = 0,
    double? RatePerS = null,
    string Arrival = "poisson",
    int Seed = 0,
    double? DurationS = null);

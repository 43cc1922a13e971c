namespace TraceReplay.Reports.Compare;

/// <summary>
/// Bootstrap settings: resamples, seed (same seed, same intervals) and two-sided confidence level. <paramref name="Exact"/>
/// (<c>compare --exact</c>) skips the bootstrap: the point difference itself is judged against each limit, for
/// deterministic replays where every change beyond the limit should fail.
/// </summary>
public sealed record CompareOptions(int Resamples = 2000, int Seed = 0, double Confidence = 0.95, bool Exact = false)
{
    public void Validate()
    {
        if (Resamples < 100)
        {
            throw new ArgumentException($"--resamples must be at least 100, got {Resamples}");
        }
        if (!(Confidence > 0.5 && Confidence < 1))
        {
            throw new ArgumentException($"--confidence must be between 0.5 and 1 (exclusive), got {Confidence}");
        }
    }
}

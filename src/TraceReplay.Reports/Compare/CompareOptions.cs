namespace TraceReplay.Reports.Compare;

/// <summary>Bootstrap settings: resamples, seed (same seed, same intervals) and two-sided confidence level.</summary>
public sealed record CompareOptions(int Resamples = 2000, int Seed = 0, double Confidence = 0.95)
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

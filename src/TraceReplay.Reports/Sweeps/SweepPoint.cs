namespace TraceReplay.Reports.Sweeps;

/// <summary>One grid point. <see cref="ChunkTokens"/> is set for sarathi only and <see cref="LayerGroups"/>
/// ("auto" or N) for layered only: the other schedulers ignore them, so they are not multiplied out. <see cref="Ep"/>:
/// expert-parallel ranks (1 = none).</summary>
public sealed record SweepPoint(int Index, string Scheduler, double RatePerS, int? ChunkTokens, string? LayerGroups, int Ep = 1)
{
    /// <summary>The point without its rate: one line of a goodput table or attainment plot.</summary>
    public string Config => Scheduler + (ChunkTokens is int c ? FormattableString.Invariant($" chunk={c}") : "") + (LayerGroups is string g ? $" groups={g}" : "")
        + (Ep > 1 ? FormattableString.Invariant($" ep={Ep}") : "");
}

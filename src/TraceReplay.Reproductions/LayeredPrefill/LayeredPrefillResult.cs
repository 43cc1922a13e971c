namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>Everything one <c>reproduce layered-prefill</c> computed (the tables, JSON and figures are views of it).</summary>
public sealed record LayeredPrefillResult(
    LayeredPrefillConfig Config, SkewCalibration Skew, IReadOnlyList<Workload> Workloads, string CostModelProvenance,
    IReadOnlyList<RunResult> Runs, IReadOnlyList<Comparison> Comparisons, IReadOnlyList<ClaimCheck> Claims,
    IReadOnlyList<SinglePromptRow> SinglePrompt, double WallS);

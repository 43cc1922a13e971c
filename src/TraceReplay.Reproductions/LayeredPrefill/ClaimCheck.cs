namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>One headline claim of arXiv 2510.08055 against TraceReplay's largest figure over a model's runs.</summary>
/// <param name="PaperPct">The paper's "up to" figure (abstract).</param>
/// <param name="ReplayMinPct">TraceReplay's smallest value over the MoE runs of the scope (the direction holds if it is > 0).</param>
/// <param name="ReplayBestPct">TraceReplay's largest value over the MoE runs of the scope.</param>
/// <param name="DenseBestPct">The same over the dense control (should show no gain).</param>
public sealed record ClaimCheck(string Scope, string Claim, double PaperPct, double ReplayMinPct, double ReplayBestPct, string ReplayBestAt, double DenseBestPct)
{
    public const string PaperRates = "paper's rates";
    public const string AllRates = "all rates";

    /// <summary>The claims at the paper's rates, then over every rate run (extended rates included).</summary>
    public static IReadOnlyList<ClaimCheck> Of(IReadOnlyList<Comparison> comparisons) =>
        [.. ForScope(PaperRates, [.. comparisons.Where(c => c.AtPaperRate)]), .. ForScope(AllRates, comparisons)];

    private static IReadOnlyList<ClaimCheck> ForScope(string scope, IReadOnlyList<Comparison> comparisons)
    {
        Comparison[] moe = [.. comparisons.Where(c => c.IsMoe)];
        Comparison[] dense = [.. comparisons.Where(c => !c.IsMoe)];
        if (moe.Length == 0)
        {
            return [];
        }
        ClaimCheck Make(string claim, double paper, Func<Comparison, double> f)
        {
            Comparison best = moe.MaxBy(f)!;
            string at = FormattableString.Invariant($"{best.Model}, {best.Dataset}, {best.RatePerS} req/s");
            return new ClaimCheck(scope, claim, paper, moe.Min(f), f(best), at, dense.Length == 0 ? double.NaN : dense.Max(f));
        }
        return
        [
            Make("more memory traffic with chunked prefill (expert weights)", 39, c => c.ExpertTrafficExcessPct),
            Make("more memory traffic with chunked prefill (all HBM traffic)", 39, c => c.TotalTrafficExcessPct),
            Make("TTFT lower with layered prefill (mean)", 70, c => c.TtftMeanReductionPct),
            Make("TTFT lower with layered prefill (p99)", 70, c => c.TtftP99ReductionPct),
            Make("E2E latency lower with layered prefill (mean)", 41, c => c.E2eMeanReductionPct),
            Make("energy per token lower with layered prefill", 22, c => c.EnergyPerTokenReductionPct),
        ];
    }
}

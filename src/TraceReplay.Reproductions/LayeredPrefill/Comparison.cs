using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>
/// Chunked (sarathi, 512) against layered (8192) at one model/dataset/rate, in the paper's terms: how much more
/// traffic chunked moves (percent over layered), and how much layered lowers latency and energy (percent of chunked).
/// </summary>
public sealed record Comparison(string Model, bool IsMoe, string Dataset, double RatePerS, bool AtPaperRate,
    double ExpertTrafficExcessPct, double TotalTrafficExcessPct, double TtftMeanReductionPct, double TtftP99ReductionPct,
    double E2eMeanReductionPct, double EnergyPerTokenReductionPct, double SloChunked, double SloLayered)
{
    public static IReadOnlyList<Comparison> Of(IReadOnlyList<RunResult> runs) =>
    [
        .. runs.GroupBy(r => (r.Spec.Model, r.Spec.Dataset, r.Spec.RatePerS))
            .Select(g => From(g.Single(r => r.Spec.Scheduler == "sarathi"), g.Single(r => r.Spec.Scheduler == "layered"))),
    ];

    public static Comparison From(RunResult chunked, RunResult layered)
    {
        ReplaySummary c = chunked.Summary, l = layered.Summary;
        return new Comparison(chunked.Spec.Model, chunked.Spec.Setup.IsMoe, chunked.Spec.Dataset, chunked.Spec.RatePerS, chunked.Spec.AtPaperRate,
            Excess(c.HbmBytesExpertWeights, l.HbmBytesExpertWeights), Excess(c.HbmBytesTotal, l.HbmBytesTotal),
            Reduction(c.TtftMeanS, l.TtftMeanS), Reduction(c.TtftP99S, l.TtftP99S), Reduction(c.E2eMeanS, l.E2eMeanS),
            Reduction(c.EnergyPerTokenJ, l.EnergyPerTokenJ), c.SloAttainment, l.SloAttainment);
    }

    /// <summary>Percent by which <paramref name="chunked"/> exceeds <paramref name="layered"/> (NaN when layered is 0).</summary>
    public static double Excess(double chunked, double layered) => layered > 0 ? (chunked / layered - 1) * 100 : double.NaN;

    /// <summary>Percent by which layered lowers the chunked figure (negative: layered is worse).</summary>
    public static double Reduction(double chunked, double layered) => chunked > 0 ? (1 - layered / chunked) * 100 : double.NaN;
}

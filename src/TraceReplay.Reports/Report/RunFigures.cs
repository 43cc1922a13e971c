using TraceReplay.Reports.Compare;
using TraceReplay.Reports.Runs;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Report;

/// <summary>The per-run figures the report tables show, computed from the Parquet files (not copied from summary.json).</summary>
public static class RunFigures
{
    /// <summary>Point value of a <see cref="ComparedMetrics"/> metric from requests.parquet; NaN when unavailable.</summary>
    public static double Metric(RunData run, string name) =>
        ComparedMetrics.Find(name)?.Prepare(run)?.Evaluate(default) ?? double.NaN;

    public static int Completed(RunData run) => run.Requests.Completed.Count(c => c);

    /// <summary>Mean running sequences per iteration, weighted by iteration time (decodes + prefill pieces).</summary>
    public static double MeanBatch(IterationData it)
    {
        double num = 0, den = 0;
        for (int i = 0; i < it.Count; i++)
        {
            num += (it.DecodeTokens[i] + it.PrefillPieces[i]) * it.DurationS[i];
            den += it.DurationS[i];
        }
        return den > 0 ? num / den : double.NaN;
    }

    public static double PeakKvPct(RunData run) =>
        run.Iterations is { Count: > 0 } it ? 100.0 * it.KvBlocksUsed.Max() / run.Summary[MetricNames.KvBlocksPerInstance] : double.NaN;

    public static double HbmTotalBytes(IterationData it) => HbmCategory.All.Sum(c => c.TotalBytes(it));

    /// <summary>Iteration energy (busy) from iterations.parquet; idle energy is only in summary.json.</summary>
    public static double BusyEnergyJ(IterationData it) => it.EnergyJ.Sum();

    public static double Tokens(RunData run)
    {
        double t = 0;
        for (int i = 0; i < run.Requests.Count; i++)
        {
            if (run.Requests.Completed[i])
            {
                t += run.Requests.PromptTokens[i] + run.Requests.GeneratedTokens[i];
            }
        }
        return t;
    }
}

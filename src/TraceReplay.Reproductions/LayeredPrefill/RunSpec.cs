using System.Globalization;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>One replay of the grid: a model on a dataset at a rate under one scheduler.</summary>
/// <param name="AtPaperRate">False for the extended rates beyond the paper's.</param>
public sealed record RunSpec(ModelSetup Setup, string Dataset, double RatePerS, bool AtPaperRate, string Scheduler)
{
    public string Model => Setup.Model;

    /// <summary>Folder name of the run's Parquet and summary.json, e.g. <c>qwen3-30b-a3b_sharegpt_4.50_sarathi</c>.</summary>
    public string Folder => string.Create(CultureInfo.InvariantCulture,
        $"{Model.ToLowerInvariant()}_{Dataset}_{RatePerS:F2}_{Scheduler}");

    /// <summary>How the table names the scheduler (the paper's words).</summary>
    public string SchedulerLabel => Labels.Scheduler(Scheduler);
}

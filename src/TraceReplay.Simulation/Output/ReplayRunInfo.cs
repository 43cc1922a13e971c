using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Output;

/// <summary>Where a replay's figures come from: recorded in summary.json and both Parquet files' metadata.</summary>
public sealed record ReplayRunInfo(
    ReplayOptions Options, string InputFile, string InputSha256, string InputFormat, string? Retiming,
    string CostModel, string CostModelProvenance, EnergyModel Energy, int KvBlocksPerInstance, string? Workload = null)
{
    /// <summary>Metadata key present in both Parquet files a replay writes (how <c>inspect</c> recognises them).</summary>
    public const string SchedulerKey = "tracereplay.replay.scheduler";

    /// <summary>Parquet key-value metadata (no wall-clock values, so files stay byte-identical across runs).</summary>
    public IReadOnlyDictionary<string, string> ToMetadata()
    {
        var m = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["tracereplay.replay.model"] = Options.Model,
            ["tracereplay.replay.gpu"] = Options.Gpu,
            ["tracereplay.replay.tp"] = Options.TensorParallel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [SchedulerKey] = Options.Scheduler,
            ["tracereplay.replay.cost_model"] = CostModel,
            ["tracereplay.replay.input_sha256"] = InputSha256,
            ["tracereplay.replay.seed"] = Options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (Options.ExpertParallel > 1)
        {
            m["tracereplay.replay.ep"] = Options.ExpertParallel.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return m;
    }
}

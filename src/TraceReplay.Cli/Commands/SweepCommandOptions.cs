using System.CommandLine;
using System.Globalization;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Parquet.Routing;
using TraceReplay.Reports.Sweeps;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Cli.Commands;

/// <summary>The options of <c>tracereplay sweep</c> and the grid they define.</summary>
internal sealed class SweepCommandOptions
{
    /// <summary>The replay's serving options (<see cref="ReplayCommandOptions.Serving"/>), taken under the same names.</summary>
    public ReplayCommandOptions Replay { get; } = new();
    public Option<string> Requests { get; } = new("--requests") { Description = "Request log whose lengths are replayed (re-timed at each rate): canonical request Parquet, CSV or Azure trace CSV", Required = true };
    public Option<string> Schedulers { get; } = new("--schedulers") { Description = "Schedulers, comma-separated (e.g. sarathi,layered)", Required = true };
    public Option<string> Rates { get; } = new("--rates") { Description = "Rates (req/s): START:STOP:STEP inclusive, or a comma list", Required = true };
    public Option<string> ChunkTokens { get; } = new("--chunk-tokens") { Description = "sarathi token budgets to sweep, comma-separated (tokens)", DefaultValueFactory = _ => "512" };
    public Option<string> LayerGroups { get; } = new("--layer-groups") { Description = "layered group counts to sweep, comma-separated: auto or N", DefaultValueFactory = _ => "auto" };
    public Option<string> Ep { get; } = new("--ep") { Description = "Expert-parallel degrees to sweep, comma-separated (e.g. 1,4,8; each > 1 needs --dp-attention; docs/moe.md)", DefaultValueFactory = _ => "1" };
    public Option<double> SloTtftS { get; } = new("--slo-ttft-s") { Description = "SLO: time to first token limit (s)", DefaultValueFactory = _ => 5.0 };
    public Option<double> SloTbtS { get; } = new("--slo-tbt-s") { Description = "SLO: limit on every gap between tokens (s)", DefaultValueFactory = _ => 0.125 };
    public Option<double> SloTarget { get; } = new("--slo-target") { Description = "Goodput: attainment a rate must reach (fraction)", DefaultValueFactory = _ => 0.9 };
    public Option<int> MaxRequests { get; } = new("--max-requests") { Description = "Replay only the first N requests of the file (0 = all)", DefaultValueFactory = _ => 0 };
    public Option<string?> Shard { get; } = new("--shard") { Description = "Run shard i of N (0-based), e.g. 0/8" };
    public Option<int?> Shards { get; } = new("--shards") { Description = "Shard count N when the index comes from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID" };
    public Option<int> Jobs { get; } = new("--jobs", "-j") { Description = "Replays run at once (default: all local cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
    public Option<string> Output { get; } = new("--output", "-o") { Description = "Output folder", Required = true };

    public Option<string> Arrival => Replay.Arrival;
    public Option<string> CostModel => Replay.CostModel;
    public Option<string?> Calibration => Replay.Calibration;

    public IEnumerable<Option> All =>
        [Requests, Schedulers, Rates, ChunkTokens, LayerGroups, Ep, SloTtftS, SloTbtS, SloTarget, MaxRequests, Shard, Shards, Jobs, Output, .. Replay.Serving];

    public SweepGrid ToGrid(ParseResult p, string inputSha256, string costModel)
    {
        string[] schedulers = [.. p.GetValue(Schedulers)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant())];
        if (schedulers.Length == 0)
        {
            throw new ArgumentException($"--schedulers: name at least one of {string.Join(", ", Simulation.Scheduling.SchedulerRegistry.Names)}");
        }
        double sloTtft = Checked.Positive(p.GetValue(SloTtftS), "--slo-ttft-s", "s"), sloTbt = Checked.Positive(p.GetValue(SloTbtS), "--slo-tbt-s", "s");
        var baseOptions = new SortedDictionary<string, ReplayOptions>(StringComparer.Ordinal);
        foreach (string s in schedulers.Distinct())
        {
            ReplayOptions options = Replay.ToServingOptions(p, s) with { SloTtftS = sloTtft, SloTbtS = sloTbt };
            _ = Simulation.Scheduling.SchedulerRegistry.Create(s, options); // unknown names fail before any work
            _ = Simulation.Scheduling.SchedulerRegistry.PrefixCaching(options); // --prefix-caching on with a scheduler that cannot
            baseOptions[s] = options;
        }
        int[] chunks = [.. p.GetValue(ChunkTokens)!.Split(',', StringSplitOptions.TrimEntries).Select(c =>
            int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : throw new ArgumentException($"--chunk-tokens: '{c}' is not a positive integer"))];
        string[] groups = [.. p.GetValue(LayerGroups)!.Split(',', StringSplitOptions.TrimEntries).Select(g => g.ToLowerInvariant()).Select(g =>
            g == "auto" || (int.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0) ? g : throw new ArgumentException($"--layer-groups: '{g}' is not auto or a positive integer"))];
        double target = p.GetValue(SloTarget);
        if (!(target > 0 && target <= 1))
        {
            throw new ArgumentException($"--slo-target must be in (0, 1], got {target}");
        }
        _ = Simulation.Input.ArrivalRetimer.Create(1, p.GetValue(Arrival)!);
        int[] eps = [.. p.GetValue(Ep)!.Split(',', StringSplitOptions.TrimEntries).Select(e =>
            int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : throw new ArgumentException($"--ep: '{e}' is not a positive integer"))];
        ReplayOptions first = baseOptions.Values.First();
        Core.Models.ModelSpec model = first.ServedModel(Core.Models.ModelCatalog.Resolve(first.Model));
        foreach (int ep in eps)
        {
            ExpertParallelism.Validate(first with { ExpertParallel = ep, DpAttention = ep > 1 && first.DpAttention }, model);
        }
        if (first.DpAttention && eps.All(e => e == 1))
        {
            throw new ArgumentException("--dp-attention needs an --ep degree > 1");
        }
        _ = RoutingModels.Create(first.Routing, model, first.Seed);
        return new SweepGrid(baseOptions, schedulers, RateList.Parse(p.GetValue(Rates)!), chunks, groups, p.GetValue(Arrival)!, inputSha256, costModel) { Eps = eps };
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Reports.Sweeps;

/// <summary>
/// The grid of a sweep: schedulers x rates, with chunk sizes for sarathi and layer groups for layered, over one
/// request file re-timed at each rate (seeded), and expert-parallel degrees for every scheduler. Points are numbered
/// scheduler-major, rate-minor; the hash covers everything that decides the rows, so shards of different grids cannot
/// be merged. <see cref="Base"/> holds each scheduler's options (their defaults may differ, e.g. vllm-v1's max-seqs),
/// keyed by scheduler name.
/// </summary>
public sealed record SweepGrid(
    IReadOnlyDictionary<string, ReplayOptions> Base, IReadOnlyList<string> Schedulers, IReadOnlyList<double> Rates, IReadOnlyList<int> ChunkTokens,
    IReadOnlyList<string> LayerGroups, string Arrival, string InputSha256, string CostModel)
{
    /// <summary>Expert-parallel degrees swept (<c>--ep</c>); [1] = none.</summary>
    public IReadOnlyList<int> Eps { get; init; } = [1];

    /// <summary>True when some point runs with expert parallelism (sweep.parquet then has an <c>ep</c> column).</summary>
    public bool HasEp => Eps.Any(e => e > 1);

    public IReadOnlyList<SweepPoint> Points()
    {
        var points = new List<SweepPoint>();
        foreach (string s in Schedulers)
        {
            int?[] chunks = s == "sarathi" ? [.. ChunkTokens.Select(c => (int?)c)] : [null];
            string?[] groups = s == "layered" ? [.. LayerGroups] : [null];
            foreach (int ep in Eps)
            {
                foreach (int? c in chunks)
                {
                    foreach (string? g in groups)
                    {
                        foreach (double r in Rates)
                        {
                            points.Add(new SweepPoint(points.Count, s, r, c, g, ep));
                        }
                    }
                }
            }
        }
        return points;
    }

    /// <summary>Replay options of one point.</summary>
    public ReplayOptions OptionsFor(SweepPoint p)
    {
        ReplayOptions b = Base[p.Scheduler];
        return b with
        {
            Scheduler = p.Scheduler,
            ChunkTokens = p.ChunkTokens ?? b.ChunkTokens,
            LayerGroups = p.LayerGroups is null or "auto" ? b.LayerGroups : int.Parse(p.LayerGroups, CultureInfo.InvariantCulture),
            ExpertParallel = p.Ep,
            DpAttention = p.Ep > 1 && b.DpAttention,
        };
    }

    /// <summary>
    /// The serving options as plain values named after the replay flags: one value where every scheduler has the
    /// same, else "scheduler:value" per scheduler. The swept ones (scheduler, chunk-tokens, layer-groups, ep) are left out.
    /// </summary>
    public IReadOnlyList<(string Name, string Value)> OptionValues()
    {
        string[] swept = ["scheduler", "chunk-tokens", "layer-groups", "ep"];
        var perScheduler = Schedulers.Select(s => (s, Pairs: ReplayOptionsText.Pairs(Base[s]))).ToArray();
        return [.. perScheduler[0].Pairs.Select((pair, i) => pair.Name).Where(n => !swept.Contains(n)).Select(name =>
        {
            string[] values = [.. perScheduler.Select(x => x.Pairs.First(p => p.Name == name).Value)];
            return (name, values.Distinct().Count() == 1 ? values[0] : string.Join(',', perScheduler.Select((x, i) => $"{x.s}:{values[i]}")));
        })];
    }

    /// <summary>Text of everything that decides the rows (stored in the Parquet metadata beside its hash).</summary>
    public string Describe() => string.Join("; ", new[]
    {
        $"schedulers={string.Join(',', Schedulers)}", $"rates={string.Join(',', Rates.Select(RateList.Format))}",
        $"chunk_tokens={string.Join(',', ChunkTokens.Select(c => c.ToString(CultureInfo.InvariantCulture)))}", $"layer_groups={string.Join(',', LayerGroups)}",
        $"arrival={Arrival}", $"input_sha256={InputSha256}", $"cost_model={CostModel}",
    }.Concat(OptionValues().Select(o => $"{o.Name}={o.Value}")))
        + (HasEp ? $"; ep={string.Join(',', Eps.Select(e => e.ToString(CultureInfo.InvariantCulture)))}" : "");

    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Describe())));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Reports.Sweeps;

/// <summary>
/// The grid of a sweep: schedulers x rates, with chunk sizes for sarathi and layer groups for layered, over one
/// request file re-timed at each rate (seeded), and expert-parallel degrees for every scheduler. Points are numbered
/// scheduler-major, rate-minor; the hash covers everything that decides the rows, so shards of different grids cannot
/// be merged.
/// </summary>
public sealed record SweepGrid(
    ReplayOptions Base, IReadOnlyList<string> Schedulers, IReadOnlyList<double> Rates, IReadOnlyList<int> ChunkTokens,
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
    public ReplayOptions OptionsFor(SweepPoint p) => Base with
    {
        Scheduler = p.Scheduler,
        ChunkTokens = p.ChunkTokens ?? Base.ChunkTokens,
        LayerGroups = p.LayerGroups is null or "auto" ? Base.LayerGroups : int.Parse(p.LayerGroups, CultureInfo.InvariantCulture),
        ExpertParallel = p.Ep,
        DpAttention = p.Ep > 1 && Base.DpAttention,
    };

    /// <summary>Text of everything that decides the rows (stored in the Parquet metadata beside its hash).</summary>
    public string Describe() => string.Join("; ",
        $"schedulers={string.Join(',', Schedulers)}", $"rates={string.Join(',', Rates.Select(r => r.ToString("R", CultureInfo.InvariantCulture)))}",
        $"chunk_tokens={string.Join(',', ChunkTokens.Select(c => c.ToString(CultureInfo.InvariantCulture)))}", $"layer_groups={string.Join(',', LayerGroups)}",
        $"arrival={Arrival}", $"input_sha256={InputSha256}", $"cost_model={CostModel}", $"options={Base with { Scheduler = "" }}")
        + (HasEp ? $"; ep={string.Join(',', Eps.Select(e => e.ToString(CultureInfo.InvariantCulture)))}" : "");

    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Describe())));
}

using System.Collections.Concurrent;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Input;

namespace TraceReplay.Reports.Sweeps;

/// <summary>
/// Runs the grid points a shard owns, in parallel (one single-threaded replay per point, at most
/// <paramref name="jobs"/> at once), each over the request lengths re-timed at the point's rate with the grid's seed.
/// Rows come back in grid order whatever order they finished in.
/// </summary>
public static class SweepRunner
{
    public static IReadOnlyList<SweepRow> Run(SweepGrid grid, IReadOnlyList<RequestRecord> requests, Func<ReplayOptions, ICostModel> cost,
        ShardSpec shard, int jobs, Action<SweepRow>? onDone = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        SweepPoint[] mine = [.. grid.Points().Where(p => shard.Owns(p.Index))];
        var rows = new ConcurrentBag<SweepRow>();
        Parallel.ForEach(mine, new ParallelOptions { MaxDegreeOfParallelism = jobs }, p =>
        {
            ReplayOptions options = grid.OptionsFor(p);
            ArrivalRetimer retimer = ArrivalRetimer.Create(p.RatePerS, grid.Arrival);
            var sim = new ReplaySimulation(options, cost(options));
            var row = new SweepRow(p, SweepColumns.From(sim.Run(retimer.Apply(requests, options.Seed))));
            rows.Add(row);
            onDone?.Invoke(row);
        });
        return [.. rows.OrderBy(r => r.Point.Index)];
    }

    /// <summary>Parquet metadata of a shard's (or the whole grid's) output.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(SweepGrid grid, ShardSpec shard)
    {
        var m = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [SweepParquet.GridShaKey] = grid.Sha256(),
            [SweepParquet.GridKey] = grid.Describe(),
            [SweepParquet.PointsKey] = grid.Points().Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach ((string name, string value) in grid.OptionValues())
        {
            m[SweepParquet.OptionKeyPrefix + name] = value;
        }
        if (!shard.IsWhole)
        {
            m[SweepParquet.ShardKey] = shard.ToString();
        }
        return m;
    }
}

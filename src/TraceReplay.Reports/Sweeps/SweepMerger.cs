using System.Globalization;

namespace TraceReplay.Reports.Sweeps;

/// <summary>
/// Joins shard files into the rows and metadata an unsharded run would have written: checks that every file belongs
/// to the same grid (hash), that shards 0..N-1 are each present once, that each row belongs to its shard, and that
/// no grid point is missing or repeated.
/// </summary>
public static class SweepMerger
{
    public static (IReadOnlyList<SweepRow> Rows, IReadOnlyDictionary<string, string> Metadata) Merge(IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            throw new ArgumentException("merge: no shard files given (expected sweep-shard-*.parquet files or folders holding them)");
        }
        var rows = new List<SweepRow>();
        IReadOnlyDictionary<string, string>? first = null;
        string firstFile = files[0];
        var seenShards = new Dictionary<int, string>();
        int count = 0;
        foreach (string file in files)
        {
            (IReadOnlyList<SweepRow> r, IReadOnlyDictionary<string, string> meta) = SweepParquet.Read(file);
            string sha = Get(meta, SweepParquet.GridShaKey, file);
            first ??= meta;
            if (sha != Get(first, SweepParquet.GridShaKey, firstFile))
            {
                throw new InvalidDataException($"{file}: grid {sha[..12]} differs from {firstFile}'s {first[SweepParquet.GridShaKey][..12]}: shards of different sweeps (flags, rates, input or seed differ)");
            }
            ShardSpec shard = ShardSpec.Resolve(Get(meta, SweepParquet.ShardKey, file), null, _ => null);
            if (count != 0 && shard.Count != count)
            {
                throw new InvalidDataException($"{file}: shard {shard} but other files are of {count} shards");
            }
            count = shard.Count;
            if (!seenShards.TryAdd(shard.Index, file))
            {
                throw new InvalidDataException($"{file}: shard {shard} is also in {seenShards[shard.Index]}");
            }
            foreach (SweepRow row in r.Where(row => !shard.Owns(row.Point.Index)))
            {
                throw new InvalidDataException($"{file}: grid_index {row.Point.Index} does not belong to shard {shard}");
            }
            rows.AddRange(r);
        }
        int[] missing = [.. Enumerable.Range(0, count).Where(i => !seenShards.ContainsKey(i))];
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"missing shard(s) {string.Join(", ", missing.Select(i => $"{i}/{count}"))} of {count}");
        }
        rows.Sort((a, b) => a.Point.Index.CompareTo(b.Point.Index));
        int points = int.Parse(Get(first!, SweepParquet.PointsKey, firstFile), CultureInfo.InvariantCulture);
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Point.Index != i)
            {
                throw new InvalidDataException($"grid_index {i} is {(rows[i].Point.Index > i ? "missing" : "repeated")} across the shards");
            }
        }
        if (rows.Count != points)
        {
            throw new InvalidDataException($"the shards hold {rows.Count} rows but the grid has {points} points");
        }
        var metadata = new SortedDictionary<string, string>(first!.Where(kv => kv.Key != SweepParquet.ShardKey).ToDictionary(), StringComparer.Ordinal);
        return (rows, metadata);
    }

    private static string Get(IReadOnlyDictionary<string, string> meta, string key, string file) =>
        meta.TryGetValue(key, out string? v) ? v : throw new InvalidDataException($"{file}: metadata '{key}' is missing; not a sweep shard file (or an unsharded sweep.parquet)");
}

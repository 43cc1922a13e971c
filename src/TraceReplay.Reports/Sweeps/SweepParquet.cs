using Parquet;
using Parquet.Schema;
using TraceReplay.Parquet;

namespace TraceReplay.Reports.Sweeps;

/// <summary>
/// sweep.parquet: one row per grid point in grid order, one row group, key-value metadata with the grid and its
/// hash (and the shard, in shard files). No wall times, so the same grid gives the same bytes. A last <c>ep</c>
/// column (expert-parallel ranks) is written when some point uses expert parallelism; without it, every point has EP 1.
/// </summary>
public static class SweepParquet
{
    public const string FileName = "sweep.parquet";
    public const string GridShaKey = "tracereplay.sweep.grid_sha256";
    public const string GridKey = "tracereplay.sweep.grid";
    public const string PointsKey = "tracereplay.sweep.points";
    public const string ShardKey = "tracereplay.sweep.shard";
    /// <summary>One key per serving option, named after its replay flag, e.g. <c>tracereplay.sweep.option.replicas</c> = 2.</summary>
    public const string OptionKeyPrefix = "tracereplay.sweep.option.";

    private static readonly DataField s_index = new DataField<int>("grid_index"), s_scheduler = new DataField<string>("scheduler"),
        s_rate = new DataField<double>("rate_rps"), s_chunk = new DataField<int?>("chunk_tokens"), s_groups = new DataField<string>("layer_groups");

    private static readonly DataField[] s_metrics =
        [.. SweepColumns.Metrics.Select(c => c.IsCount ? (DataField)new DataField<long>(c.Name) : new DataField<double?>(c.Name))];

    private static readonly DataField s_ep = new DataField<int>("ep");

    private static readonly ParquetSchema s_schema = new([s_index, s_scheduler, s_rate, s_chunk, s_groups, .. s_metrics]);

    private static readonly ParquetSchema s_epSchema = new([s_index, s_scheduler, s_rate, s_chunk, s_groups, .. s_metrics, s_ep]);

    public static string ShardFileName(ShardSpec s) => FormattableString.Invariant($"sweep-shard-{s.Index:D4}-of-{s.Count:D4}.parquet");

    public static void Write(string path, IReadOnlyList<SweepRow> rows, IReadOnlyDictionary<string, string> metadata)
    {
        bool ep = rows.Any(r => r.Point.Ep > 1);
        ParquetOutputFile.WriteAsync(path, ep ? s_epSchema : s_schema, metadata, async file =>
        {
            using ParquetRowGroupWriter g = file.NewRowGroup();
            await g.WriteAsync<int>(s_index, rows.Select(r => r.Point.Index).ToArray()).ConfigureAwait(false);
            await g.WriteAsync(s_scheduler, rows.Select(r => r.Point.Scheduler).ToArray()).ConfigureAwait(false);
            await g.WriteAsync<double>(s_rate, rows.Select(r => r.Point.RatePerS).ToArray()).ConfigureAwait(false);
            await g.WriteAsync<int>(s_chunk, rows.Select(r => r.Point.ChunkTokens).ToArray()).ConfigureAwait(false);
            await g.WriteAsync(s_groups, rows.Select(r => r.Point.LayerGroups!).ToArray()).ConfigureAwait(false);
            for (int c = 0; c < s_metrics.Length; c++)
            {
                string name = SweepColumns.Metrics[c].Name;
                if (SweepColumns.Metrics[c].IsCount)
                {
                    await g.WriteAsync<long>(s_metrics[c], rows.Select(r => (long)r[name]).ToArray()).ConfigureAwait(false);
                }
                else
                {
                    await g.WriteAsync<double>(s_metrics[c], rows.Select(r => double.IsFinite(r[name]) ? r[name] : (double?)null).ToArray()).ConfigureAwait(false);
                }
            }
            if (ep)
            {
                await g.WriteAsync<int>(s_ep, rows.Select(r => r.Point.Ep).ToArray()).ConfigureAwait(false);
            }
        }).GetAwaiter().GetResult();
    }

    public static (IReadOnlyList<SweepRow> Rows, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        string[] names = [s_index.Name, s_scheduler.Name, s_rate.Name, s_groups.Name, .. SweepColumns.Metrics.Select(c => c.Name)];
        (int?[] chunks, bool hasEp) = ReadChunks(path);
        // Written without expert parallelism (no ep column): every point has EP 1.
        var t = Runs.ParquetTable.Read(path, hasEp ? [.. names, s_ep.Name] : names);
        int[]? eps = hasEp ? t.Int(s_ep.Name) : null;
        int[] index = t.Int(s_index.Name);
        string?[] scheduler = t.String(s_scheduler.Name), groups = t.String(s_groups.Name);
        double[] rate = t.Double(s_rate.Name);
        var rows = new List<SweepRow>(t.Rows);
        for (int i = 0; i < t.Rows; i++)
        {
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (SweepColumns.Column c in SweepColumns.Metrics)
            {
                metrics[c.Name] = c.IsCount ? t.Long(c.Name)[i] : t.Double(c.Name)[i];
            }
            rows.Add(new SweepRow(new SweepPoint(index[i], scheduler[i] ?? throw new InvalidDataException($"{path}: row {i}, column 'scheduler': null"),
                rate[i], chunks[i], groups[i], eps?[i] ?? 1), metrics));
        }
        return (rows, t.Metadata);
    }

    private static (int?[] Chunks, bool HasEp) ReadChunks(string path) => ParquetInput.Guard(path, () => ReadChunksAsync(path)).GetAwaiter().GetResult();

    private static async Task<(int?[], bool)> ReadChunksAsync(string path)
    {
        await using ParquetReader reader = await ParquetInput.OpenAsync(path).ConfigureAwait(false);
        DataField field = reader.Schema.DataFields.FirstOrDefault(f => f.Name == s_chunk.Name)
            ?? throw new InvalidDataException($"{path}: column 'chunk_tokens' is missing; is this a sweep.parquet?");
        var all = new List<int?>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            var values = new int?[ParquetInput.GroupRows(group.RowCount, path)];
            await group.ReadAsync<int>(field, values.AsMemory()).ConfigureAwait(false);
            all.AddRange(values);
        }
        return ([.. all], reader.Schema.DataFields.Any(f => f.Name == s_ep.Name));
    }
}

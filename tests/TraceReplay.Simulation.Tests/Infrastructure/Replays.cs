using System.Globalization;
using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;

namespace TraceReplay.Simulation.Tests.Infrastructure;

/// <summary>Whole replays on real trace slices, and a Parquet read-back for checking what they wrote.</summary>
internal static class Replays
{
    public static ReplayOptions Qwen(string scheduler) => new()
    {
        Model = "qwen3-30b-a3b",
        Gpu = "h100",
        TensorParallel = 2,
        Scheduler = scheduler,
        SloTtftS = 5,
        SloTbtS = 0.125,
    };

    /// <summary>The first <paramref name="n"/> requests of the Azure 2023 conversation trace (arrivals from the first row).</summary>
    public static List<RequestRecord> AzureConv(int n)
    {
        var list = new List<RequestRecord>();
        long first = 0;
        foreach (string line in File.ReadLines(SharedData.AzureConv).Skip(1).Take(n))
        {
            string[] f = line.Split(',');
            long ticks = DateTime.ParseExact(f[0], "yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture).Ticks;
            first = list.Count == 0 ? ticks : first;
            list.Add(new RequestRecord(list.Count, (ticks - first) * 100, int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture)));
        }
        return list;
    }

    /// <summary>Same lengths, arrivals compressed by <paramref name="speedup"/> (a heavier load on the same mix).</summary>
    public static List<RequestRecord> Faster(IEnumerable<RequestRecord> requests, double speedup) =>
        [.. requests.Select(r => r with { ArrivalNs = (long)(r.ArrivalNs / speedup) })];

    public static ReplaySummary Run(ReplayOptions options, IEnumerable<RequestRecord> requests, string directory, ICostModel? costModel = null)
    {
        ICostModel cost = costModel ?? new RooflineCostModel(GpuCatalog.Resolve(options.Gpu));
        var info = new ReplayRunInfo(options, "test", "sha", "test", null, cost.Name, cost.Provenance, EnergyModel.For(GpuCatalog.Resolve(options.Gpu), options), 0);
        using var sink = new ReplayOutputSink(directory, info.ToMetadata(), options.ExpertParallel > 1);
        var sim = new ReplaySimulation(options, cost, sink);
        ReplaySummary summary = sim.Run(requests);
        sink.Complete();
        SummaryJsonWriter.Write(Path.Combine(directory, SummaryJsonWriter.FileName), summary, info with { KvBlocksPerInstance = sim.KvBlocks }, wallS: 0.123);
        return summary;
    }

    public static T[] Column<T>(string path, string name) where T : struct =>
        [.. ReadAllAsync<T>(path, name, nullable: false).GetAwaiter().GetResult().Select(v => v!.Value)];

    public static T?[] NullableColumn<T>(string path, string name) where T : struct =>
        ReadAllAsync<T>(path, name, nullable: true).GetAwaiter().GetResult();

    public static string[] StringColumn(string path, string name) => StringsAsync(path, name).GetAwaiter().GetResult();

    private static async Task<string[]> StringsAsync(string path, string name)
    {
        var all = new List<string>();
        await using ParquetReader reader = await ParquetReader.CreateAsync(path);
        DataField field = reader.Schema.DataFields.Single(f => f.Name == name);
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader rg = reader.OpenRowGroupReader(g);
            var buf = new string?[rg.RowCount];
            await rg.ReadAsync(field, buf.AsMemory());
            all.AddRange(buf.Select(x => x ?? ""));
        }
        return [.. all];
    }

    private static async Task<T?[]> ReadAllAsync<T>(string path, string name, bool nullable) where T : struct
    {
        var all = new List<T?>();
        await using ParquetReader reader = await ParquetReader.CreateAsync(path);
        DataField field = reader.Schema.DataFields.Single(f => f.Name == name);
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader rg = reader.OpenRowGroupReader(g);
            if (nullable)
            {
                var buf = new T?[rg.RowCount];
                await rg.ReadAsync<T>(field, buf.AsMemory());
                all.AddRange(buf);
            }
            else
            {
                var buf = new T[rg.RowCount];
                await rg.ReadAsync<T>(field, buf.AsMemory());
                all.AddRange(buf.Select(v => (T?)v));
            }
        }
        return [.. all];
    }
}

using System.Globalization;
using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.Models;
using TraceReplay.Core.Routing;

namespace TraceReplay.Parquet.Routing;

/// <summary>
/// Reads recorded expert loads: a Parquet file with integer columns <c>step</c>, <c>layer</c>, <c>expert</c>,
/// <c>tokens</c> (int32 or int64, one row per (step, layer, expert); a missing row is 0 tokens). <c>layer</c> is the
/// decoder-layer index; the file's layers must be exactly the model's MoE layers, every expert index below the model's
/// expert count, and every recorded step must route tokens in every MoE layer. Errors name the file, row and field.
/// </summary>
public static class RecordedRoutingReader
{
    public static readonly string[] Columns = ["step", "layer", "expert", "tokens"];

    /// <summary>Optional file metadata: when present it must equal the model's routed-expert count.</summary>
    public const string NumExpertsKey = "tracereplay.routing.num_experts";

    public static RecordedRouting Read(string path, ModelSpec model)
    {
        MoeSpec moe = model.Moe ?? throw new ArgumentException($"--routing recorded: {model.Name} is not an MoE model");
        var rows = ParquetInput.Guard(path, () => ReadRowsAsync(path)).GetAwaiter().GetResult();
        if (rows.Metadata.TryGetValue(NumExpertsKey, out string? declared)
            && declared != moe.NumExperts.ToString(CultureInfo.InvariantCulture))
        {
            throw new InputException(path, 0, NumExpertsKey, $"{moe.NumExperts} experts ({model.Name})", declared);
        }
        var counts = new SortedDictionary<long, Dictionary<int, long[]>>();
        long[] step = rows.Data[0], layer = rows.Data[1], expert = rows.Data[2], tokens = rows.Data[3];
        for (int i = 0; i < step.Length; i++)
        {
            long row = i + 1;
            Check(path, row, "step", step[i], 0, long.MaxValue, "a step index >= 0");
            Check(path, row, "layer", layer[i], 0, model.NumLayers - 1, $"a decoder layer in 0..{model.NumLayers - 1} ({model.Name})");
            if (!model.MoeLayers[(int)layer[i]])
            {
                throw new InputException(path, row, "layer", $"an MoE layer of {model.Name}", $"{layer[i]} (a dense layer)");
            }
            Check(path, row, "expert", expert[i], 0, moe.NumExperts - 1, $"an expert in 0..{moe.NumExperts - 1} ({model.Name})");
            Check(path, row, "tokens", tokens[i], 0, long.MaxValue, "a token count >= 0");
            if (!counts.TryGetValue(step[i], out Dictionary<int, long[]>? byLayer))
            {
                counts[step[i]] = byLayer = [];
            }
            if (!byLayer.TryGetValue((int)layer[i], out long[]? perExpert))
            {
                byLayer[(int)layer[i]] = perExpert = new long[moe.NumExperts];
            }
            perExpert[expert[i]] += tokens[i];
        }
        if (counts.Count == 0)
        {
            throw new InputException(path, 0, "", "at least one (step, layer, expert, tokens) row", "no rows");
        }
        int[] moeLayers = [.. Enumerable.Range(0, model.NumLayers).Where(l => model.MoeLayers[l])];
        foreach ((long s, Dictionary<int, long[]> byLayer) in counts)
        {
            foreach (int l in moeLayers)
            {
                if (!byLayer.TryGetValue(l, out long[]? c) || c.Sum() == 0)
                {
                    throw new InputException(path, 0, "layer", $"tokens in every MoE layer of {model.Name} at every step",
                        $"step {s} has none in layer {l} (the file's layers must match the model's {moeLayers.Length} MoE layers)");
                }
            }
        }
        return new RecordedRouting(path, model, [.. counts.Values.Select(byLayer => moeLayers.Select(l => byLayer[l]).ToArray())]);
    }

    private static void Check(string path, long row, string field, long value, long min, long max, string expected)
    {
        if (value < min || value > max)
        {
            throw new InputException(path, row, field, expected, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static async Task<(long[][] Data, IReadOnlyDictionary<string, string> Metadata)> ReadRowsAsync(string path)
    {
        await using ParquetReader reader = await ParquetInput.OpenAsync(path).ConfigureAwait(false);
        DataField[] fields = [.. Columns.Select(name => reader.Schema.DataFields.FirstOrDefault(f => f.Name == name)
            ?? throw new InputException(path, 0, name, $"columns {string.Join(", ", Columns)} (docs/moe.md)", "no such column"))];
        foreach (DataField f in fields.Where(f => f.ClrType != typeof(int) && f.ClrType != typeof(long)))
        {
            throw new InputException(path, 0, f.Name, "an int32 or int64 column", f.ClrType.Name);
        }
        var data = new List<long>[fields.Length];
        for (int c = 0; c < fields.Length; c++)
        {
            data[c] = [];
        }
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            int n = ParquetInput.GroupRows(group.RowCount, path);
            for (int c = 0; c < fields.Length; c++)
            {
                long first = data[c].Count + 1;
                data[c].AddRange(await ReadColumnAsync(group, fields[c], n, path, first).ConfigureAwait(false));
            }
        }
        return ([.. data.Select(d => d.ToArray())], reader.CustomMetadata);
    }

    private static async Task<long[]> ReadColumnAsync(ParquetRowGroupReader group, DataField f, int n, string path, long firstRow)
    {
        long?[] values = new long?[n];
        if (f.ClrType == typeof(int))
        {
            int?[] v = new int?[n];
            if (f.IsNullable)
            {
                await group.ReadAsync<int>(f, v.AsMemory()).ConfigureAwait(false);
            }
            else
            {
                int[] plain = new int[n];
                await group.ReadAsync<int>(f, plain.AsMemory()).ConfigureAwait(false);
                v = [.. plain.Select(x => (int?)x)];
            }
            values = [.. v.Select(x => (long?)x)];
        }
        else if (f.IsNullable)
        {
            await group.ReadAsync<long>(f, values.AsMemory()).ConfigureAwait(false);
        }
        else
        {
            long[] plain = new long[n];
            await group.ReadAsync<long>(f, plain.AsMemory()).ConfigureAwait(false);
            return plain;
        }
        int nullAt = Array.FindIndex(values, v => v is null);
        return nullAt < 0 ? [.. values.Select(v => v!.Value)]
            : throw new InputException(path, firstRow + nullAt, f.Name, "an integer", "null");
    }
}

using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.Models;
using TraceReplay.Core.Routing;
using TraceReplay.Parquet.Routing;

namespace TraceReplay.Core.Tests.Routing;

/// <summary>Recorded routing: the documented Parquet layout, its accounting, cycling, and errors naming file, row and field.</summary>
public sealed class RecordedRoutingTests : IDisposable
{
    private static readonly ModelSpec s_qwen = ModelCatalog.Resolve("qwen3-30b-a3b");
    private readonly string _dir = Directory.CreateTempSubdirectory("recorded-routing-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Three steps over every layer: expert (step + layer) % 128 is hot (100 tokens), 16 others get 3 each, the rest none.</summary>
    private static List<long[]> Rows(int steps = 3, int layers = 48)
    {
        var rows = new List<long[]>();
        for (int s = 0; s < steps; s++)
        {
            for (int l = 0; l < layers; l++)
            {
                int hot = (s + l) % 128;
                rows.Add([s * 10, l, hot, 100]);
                for (int e = 1; e <= 16; e++)
                {
                    rows.Add([s * 10, l, (hot + e * 7) % 128, 3]);
                }
            }
        }
        return rows;
    }

    private async Task<string> WriteAsync(List<long[]> rows, string name = "routing.parquet", bool int32 = false, Dictionary<string, string>? metadata = null)
    {
        string path = Path.Combine(_dir, name);
        string[] names = RecordedRoutingReader.Columns;
        DataField[] fields = int32 ? [.. names.Select(n => (DataField)new DataField<int>(n))] : [.. names.Select(n => (DataField)new DataField<long>(n))];
        await using (FileStream f = File.Create(path))
        {
            await using ParquetWriter w = await ParquetWriter.CreateAsync(new ParquetSchema(fields), f);
            if (metadata is not null)
            {
                w.CustomMetadata = metadata;
            }
            using ParquetRowGroupWriter g = w.CreateRowGroup();
            for (int c = 0; c < fields.Length; c++)
            {
                if (int32)
                {
                    await g.WriteAsync<int>(fields[c], rows.Select(r => (int)r[c]).ToArray());
                }
                else
                {
                    await g.WriteAsync<long>(fields[c], rows.Select(r => r[c]).ToArray());
                }
            }
        }
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Expert_tokens_of_a_step_sum_to_tokens_times_top_k(bool int32)
    {
        var routing = (RecordedRouting)RoutingModels.Create("recorded:" + await WriteAsync(Rows(), int32: int32), s_qwen, seed: 0)!;
        Assert.Equal(3, routing.Steps);
        long[] perExpert = new long[128];
        foreach (long tokens in new long[] { 1, 7, 64, 513, 8192 })
        {
            for (long step = 0; step < 7; step++)
            {
                foreach (int layer in new[] { 0, 17, 47 })
                {
                    routing.ExpertTokens(step, layer, tokens, perExpert);
                    Assert.Equal(tokens * 8, perExpert.Sum());
                    Assert.All(perExpert, c => Assert.True(c >= 0));
                    // The hot expert of the recorded step gets its 100 / 148 share (within one token of rounding).
                    int hot = (int)((routing.RecordedStep(step) + layer) % 128);
                    Assert.InRange(perExpert[hot], Math.Floor(tokens * 8 * 100 / 148.0), Math.Ceiling(tokens * 8 * 100 / 148.0));
                }
            }
        }
    }

    [Fact]
    public async Task Replay_steps_cycle_through_the_recorded_steps()
    {
        var routing = (RecordedRouting)RoutingModels.Create("recorded:" + await WriteAsync(Rows()), s_qwen, seed: 0)!;
        Assert.Equal(0, routing.RecordedStep(3));
        Assert.Equal(2, routing.RecordedStep(5));
        Assert.True(routing.RecordedCounts(4, 5).SequenceEqual(routing.RecordedCounts(1, 5)));
        Assert.False(routing.RecordedCounts(0, 5).SequenceEqual(routing.RecordedCounts(1, 5)));
        double[] pi = routing.InclusionProbabilities(1, 5);
        Assert.Equal(8, pi.Sum(), 9);
        Assert.All(pi, p => Assert.InRange(p, 0, 1));
        Assert.Equal(17, pi.Count(p => p > 0)); // experts never recorded are never chosen
    }

    [Fact]
    public async Task Missing_layer_is_an_error_naming_step_and_layer()
    {
        string path = await WriteAsync(Rows(layers: 47));
        var ex = Assert.Throws<InputException>(() => RoutingModels.Create("recorded:" + path, s_qwen, 0));
        Assert.Contains(path, ex.Message);
        Assert.Contains("step 0 has none in layer 47", ex.Message);
    }

    [Fact]
    public async Task Expert_out_of_range_names_the_row()
    {
        List<long[]> rows = Rows();
        rows[5] = [rows[5][0], rows[5][1], 128, 4];
        string file = await WriteAsync(rows);
        var ex = Assert.Throws<InputException>(() => RoutingModels.Create("recorded:" + file, s_qwen, 0));
        Assert.Equal(6, ex.Index);
        Assert.Equal("expert", ex.Field);
        Assert.Contains("0..127", ex.Message);
    }

    [Fact]
    public async Task Layer_beyond_the_model_and_negative_tokens_are_errors()
    {
        List<long[]> rows = Rows();
        rows.Add([0, 48, 0, 1]);
        string file = await WriteAsync(rows, "a.parquet");
        var ex = Assert.Throws<InputException>(() => RoutingModels.Create("recorded:" + file, s_qwen, 0));
        Assert.Equal(("layer", (long)rows.Count), (ex.Field, ex.Index));
        rows = Rows();
        rows[0] = [0, 0, 0, -1];
        file = await WriteAsync(rows, "b.parquet");
        ex = Assert.Throws<InputException>(() => RoutingModels.Create("recorded:" + file, s_qwen, 0));
        Assert.Equal(("tokens", 1L), (ex.Field, ex.Index));
    }

    [Fact]
    public async Task Declared_expert_count_must_match_the_model()
    {
        string path = await WriteAsync(Rows(), metadata: new() { [RecordedRoutingReader.NumExpertsKey] = "256" });
        var ex = Assert.Throws<InputException>(() => RoutingModels.Create("recorded:" + path, s_qwen, 0));
        Assert.Contains("128 experts", ex.Message);
    }

    [Fact]
    public async Task Missing_column_and_missing_file_are_input_errors()
    {
        string path = Path.Combine(_dir, "narrow.parquet");
        await using (FileStream f = File.Create(path))
        {
            var field = new DataField<long>("step");
            await using ParquetWriter w = await ParquetWriter.CreateAsync(new ParquetSchema(field), f);
            using ParquetRowGroupWriter g = w.CreateRowGroup();
            await g.WriteAsync<long>(field, new long[] { 0 });
        }
        var ex = Assert.Throws<InputException>(() => RoutingModels.Create("recorded:" + path, s_qwen, 0));
        Assert.Equal("layer", ex.Field);
        Assert.Throws<InputException>(() => RoutingModels.Create("recorded:" + Path.Combine(_dir, "none.parquet"), s_qwen, 0));
        var dense = Assert.Throws<ArgumentException>(() => RoutingModels.Create("recorded:" + path, ModelCatalog.Resolve("llama-3-8b"), 0));
        Assert.Contains("dense model", dense.Message);
    }
}

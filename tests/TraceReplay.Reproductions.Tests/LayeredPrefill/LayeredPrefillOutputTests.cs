using TraceReplay.Reproductions.LayeredPrefill;
using TraceReplay.Simulation.Output;

namespace TraceReplay.Reproductions.Tests.LayeredPrefill;

public sealed class LayeredPrefillOutputTests(QuickRunFixture run) : IClassFixture<QuickRunFixture>
{
    [Fact]
    public void Writes_tables_json_figures_and_one_folder_per_run()
    {
        string md = File.ReadAllText(Path.Combine(run.OutDir, LayeredPrefillReproduction.MarkdownFile));
        Assert.Contains(run.Result.Skew.QwenSpec, md);
        Assert.Contains("estimate", md);
        Assert.Contains("calibrated", md);
        Assert.Contains("\"spec\": \"hot:", File.ReadAllText(Path.Combine(run.OutDir, LayeredPrefillReproduction.JsonFile)));
        foreach (string figure in new[] { "layered-prefill-slo-sharegpt", "layered-prefill-slo-arxiv", "layered-prefill-traffic", "layered-prefill-energy",
            "layered-prefill-single-prompt-bytes", "layered-prefill-single-prompt-time" })
        {
            byte[] png = File.ReadAllBytes(Path.Combine(run.OutDir, figure + ".png"));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
            Assert.True(new FileInfo(Path.Combine(run.OutDir, figure + ".svg")).Length > 1000, figure);
        }
        Assert.All(run.Result.Runs, r =>
        {
            string dir = Path.Combine(run.OutDir, LayeredPrefillReproduction.RunsFolder, r.Spec.Folder);
            Assert.True(File.Exists(Path.Combine(dir, ReplayOutputSink.RequestsFile)), dir);
            Assert.True(File.Exists(Path.Combine(dir, ReplayOutputSink.IterationsFile)), dir);
            Assert.Contains(r.Routing, File.ReadAllText(Path.Combine(dir, SummaryJsonWriter.FileName)));
        });
    }

    [Fact]
    public void Every_figure_of_a_run_summary_in_the_json_is_a_catalogue_metric()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run.OutDir, LayeredPrefillReproduction.JsonFile)));
        string[] figures = [.. doc.RootElement.GetProperty("runs").EnumerateArray().SelectMany(r => r.GetProperty("summary").EnumerateObject())
            // Figures are numbers, flags or "NaN"; null is a feature's nested object left out (prefix_cache, disaggregation).
            .Where(p => p.Value.ValueKind is not (System.Text.Json.JsonValueKind.Object or System.Text.Json.JsonValueKind.Array or System.Text.Json.JsonValueKind.Null))
            .Select(p => p.Name).Distinct()];
        Assert.Contains(Simulation.Metrics.MetricNames.TtftP99S, figures);
        string[] unknown = [.. figures.Where(k => Simulation.Metrics.MetricCatalog.Find(k) is null)];
        Assert.True(unknown.Length == 0, "not in the metric catalogue: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_moe_run_uses_the_fitted_skew_and_the_dense_run_is_not_routed()
    {
        Assert.All(run.Result.Runs, r => Assert.Equal(run.Result.Skew.SpecFor(r.Spec.Model), r.Routing));
        Assert.StartsWith("hot:", run.Result.Runs.First(r => r.Spec.Model == "Qwen3-30B-A3B").Routing);
        Assert.StartsWith("hot:", run.Result.Runs.First(r => r.Spec.Model == "GPT-OSS-20B").Routing);
    }

    [Fact]
    public void Single_prompt_expert_bytes_fall_with_chunk_size_and_the_engine_matches_the_graph()
    {
        foreach (var model in run.Result.SinglePrompt.GroupBy(r => r.Model))
        {
            SinglePromptRow[] chunks = [.. model.Where(r => r.Config != "layered").OrderBy(r => r.ChunkTokens)];
            Assert.Equal(LayeredPrefillConfig.ChunkSizes, chunks.Select(r => r.ChunkTokens));
            bool moe = run.Result.Config.Models.Single(m => m.Model == model.Key).IsMoe;
            for (int i = 1; i < chunks.Length; i++)
            {
                // Fewer, larger chunks pay fewer per-chunk overheads and weight loads, but (as profiled) each chunk
                // also pays its masked pairs, which grow with the chunk: past 2048 tokens time may rise again.
                Assert.True(chunks[i].ChunkTokens > 2048 || chunks[i].PrefillTimeMs < chunks[i - 1].PrefillTimeMs);
                Assert.True(!moe || chunks[i].ExpertBytesEngine < chunks[i - 1].ExpertBytesEngine);
                Assert.True(!moe || chunks[i].MoeTimeMs < chunks[i - 1].MoeTimeMs);
            }
            Assert.Equal(moe, chunks[0].ExpertBytesEngine > 0);
            Assert.All(model, r => Assert.Equal(r.ExpertBytesGraph, r.ExpertBytesEngine, r.ExpertBytesEngine * 1e-9));
            SinglePromptRow layered = model.Single(r => r.Config == "layered");
            // A layered cohort passes each layer once with the whole prompt: the same expert loads as one 8192-token chunk.
            Assert.Equal(chunks[^1].ExpertBytesEngine, layered.ExpertBytesEngine, layered.ExpertBytesEngine * 1e-9);
            Assert.True(layered.LayerGroups > 1);
            // Equal up to the engine rounding each iteration to whole ns.
            Assert.Equal(chunks[^1].PrefillTimeMs, layered.PrefillTimeMs, 1e-4);
        }
    }
}

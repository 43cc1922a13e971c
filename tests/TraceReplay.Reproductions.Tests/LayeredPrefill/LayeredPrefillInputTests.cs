using TraceReplay.Core.Routing;
using TraceReplay.Reproductions.LayeredPrefill;

namespace TraceReplay.Reproductions.Tests.LayeredPrefill;

public sealed class LayeredPrefillInputTests
{
    [Fact]
    public void Skew_fit_matches_the_measured_qwen3_coverage_and_gpt_oss_keeps_the_hot_fraction()
    {
        SkewCalibration skew = SkewCalibration.Fit();
        Assert.True(skew.QwenFit.RmsErrorPoints < 2.0, skew.QwenSpec);
        Assert.All(skew.QwenFit.Points, p => Assert.InRange(p.Fitted, p.Measured - 0.035, p.Measured + 0.035));
        var qwen = (HotSetRouting)skew.QwenFit.Model;
        string[] gpt = skew.GptOssSpec.Split(':');
        Assert.Equal(Math.Round(qwen.HotExperts / 128.0 * 32), double.Parse(gpt[1], System.Globalization.CultureInfo.InvariantCulture));
        // Skewed routing covers fewer experts than uniform at every decode batch.
        Assert.All(skew.GptOssCoverage, p => Assert.True(p.Fitted < p.Uniform || p.Uniform >= 0.999));
    }

    [Fact]
    public void Synthesized_arxiv_prompts_match_the_papers_article_statistics()
    {
        LengthStats s = LengthStats.Of(ArxivPromptSynthesizer.Sample(20_000, 7));
        Assert.InRange(s.Mean, 9_200, 9_900);
        Assert.InRange(s.Median, 8_000, 9_000);
        Assert.InRange(s.P90, 16_000, 17_500);
        Assert.InRange(s.Max, 30_000, ArxivPromptSynthesizer.MaxTokens);
        Assert.InRange(s.ShareOver8192, 0.45, 0.58);
    }

    [Fact]
    public void Workload_sampling_is_seeded_and_keeps_every_row_accounted_for()
    {
        Workload a = Workload.Load(RepoPaths.Lengths, Datasets.ShareGpt, 500, 3);
        Workload b = Workload.Load(RepoPaths.Lengths, Datasets.ShareGpt, 500, 3);
        Assert.Equal(a.Requests, b.Requests);
        Assert.Equal(30_731, a.RowsRead);
        Assert.Equal(0, a.RowsExcluded);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), a.Requests.Select(r => r.Id));
        Workload arxiv = Workload.Load(RepoPaths.Lengths, Datasets.Arxiv, 200, 3);
        Assert.True(arxiv.Prompts.Mean > 5_000, "arXiv prompts are synthesized, not the file's <= 4k");
        Assert.True(arxiv.Outputs.Max <= 4_054);
    }

    [Fact]
    public void Missing_length_file_is_a_clear_error_naming_the_path()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        var e = Assert.Throws<FileNotFoundException>(() => Workload.Load(dir, Datasets.Arxiv, 10, 1));
        Assert.Contains(Datasets.ArxivFile, e.Message);
        Assert.Contains(dir, e.Message);
    }

    [Fact]
    public void Same_seed_writes_byte_identical_tables_json_and_parquet()
    {
        var tiny = new LayeredPrefillConfig("tiny",
            [new ModelSetup("Qwen3-30B-A3B", 16, 0.125, IsMoe: true, [new(Datasets.ShareGpt, [4.5], [])])],
            ShareGptRequests: 40, ArxivRequests: 0, Seed: 11, [4096, 8192], 8192);
        string a = Directory.CreateTempSubdirectory().FullName, b = Directory.CreateTempSubdirectory().FullName;
        LayeredPrefillReproduction.Run(tiny, RepoPaths.Lengths, a, jobs: 2);
        LayeredPrefillReproduction.Run(tiny, RepoPaths.Lengths, b, jobs: 1);
        foreach (string f in new[] { LayeredPrefillReproduction.MarkdownFile, LayeredPrefillReproduction.JsonFile,
            "runs/qwen3-30b-a3b_sharegpt_4.50_layered/requests.parquet", "runs/qwen3-30b-a3b_sharegpt_4.50_sarathi/iterations.parquet" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f)));
        }
    }
}

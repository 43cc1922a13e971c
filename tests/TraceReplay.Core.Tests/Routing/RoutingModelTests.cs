using TraceReplay.Core.Models;
using TraceReplay.Core.Routing;
using TraceReplay.Parquet.Routing;

namespace TraceReplay.Core.Tests.Routing;

public sealed class RoutingModelTests
{
    [Theory]
    [InlineData(1, 8.0)]
    [InlineData(16, 82.42)]
    [InlineData(1000, 128.0)]
    public void Uniform_follows_the_closed_form(long tokens, double expected) =>
        Assert.Equal(expected, new UniformRouting(128, 8).ExpectedDistinctExperts(0, tokens), 0.01);

    [Fact]
    public void Zipf_zero_is_uniform_and_skew_lowers_coverage()
    {
        var uniform = new UniformRouting(128, 8);
        var flat = new ZipfRouting(128, 8, 0, layers: 4, seed: 1);
        var skewed = new ZipfRouting(128, 8, 1.0, layers: 4, seed: 1);
        foreach (long t in new long[] { 1, 16, 64, 128, 4096 })
        {
            Assert.Equal(uniform.ExpectedDistinctExperts(0, t), flat.ExpectedDistinctExperts(0, t), 9);
            Assert.True(skewed.ExpectedDistinctExperts(0, t) <= flat.ExpectedDistinctExperts(0, t) + 1e-9);
        }
        Assert.Equal(8, skewed.ExpectedDistinctExperts(0, 1), 9); // one token always hits exactly k experts
        Assert.True(skewed.ExpectedDistinctExperts(0, 16) < skewed.ExpectedDistinctExperts(0, 32));
    }

    [Fact]
    public void Inclusion_probabilities_sum_to_k_and_never_exceed_one()
    {
        double[] pi = ZipfRouting.InclusionProbabilities(32, 4, 2.5);
        Assert.Equal(4, pi.Sum(), 9);
        Assert.All(pi, p => Assert.InRange(p, 0, 1));
        Assert.Equal(1, pi[0]);
    }

    [Fact]
    public void Per_layer_rankings_are_seeded_permutations()
    {
        var a = new ZipfRouting(16, 2, 1.2, layers: 3, seed: 7);
        var b = new ZipfRouting(16, 2, 1.2, layers: 3, seed: 7);
        int[] layer0 = [.. Enumerable.Range(0, 16).Select(e => a.RankOf(0, e))];
        int[] layer1 = [.. Enumerable.Range(0, 16).Select(e => a.RankOf(1, e))];
        Assert.Equal(Enumerable.Range(0, 16), layer0.Order());
        Assert.NotEqual(layer0, layer1);
        Assert.Equal(layer0, Enumerable.Range(0, 16).Select(e => b.RankOf(0, e)));
    }

    [Theory]
    [InlineData("uniform")]
    [InlineData("zipf:1.2")]
    [InlineData("ZIPF:0")]
    public void Specs_parse(string spec) =>
        Assert.NotNull(RoutingModels.Create(spec, ModelCatalog.Resolve("qwen3-30b-a3b"), 0));

    [Theory]
    [InlineData("zipf")]
    [InlineData("zipf:-1")]
    [InlineData("hot")]
    public void Bad_specs_say_what_is_expected(string spec)
    {
        var ex = Assert.Throws<FormatException>(() => RoutingModels.Create(spec, ModelCatalog.Resolve("qwen3-30b-a3b"), 0));
        Assert.Contains("zipf:S", ex.Message);
    }

    [Fact]
    public void Dense_models_have_no_routing() =>
        Assert.Null(RoutingModels.Create("uniform", ModelCatalog.Resolve("llama-3-8b"), 0));
}

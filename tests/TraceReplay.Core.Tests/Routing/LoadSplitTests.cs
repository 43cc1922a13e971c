using TraceReplay.Core.Models;
using TraceReplay.Core.Routing;
using TraceReplay.Parquet.Routing;

namespace TraceReplay.Core.Tests.Routing;

/// <summary>The whole-token splits expert parallelism uses: they add up exactly and follow their weights.</summary>
public sealed class LoadSplitTests
{
    [Fact]
    public void Apportionment_adds_up_and_stays_within_one_of_the_quota()
    {
        double[] weights = [5, 0, 1.5, 3, 0.25];
        long[] counts = new long[weights.Length];
        foreach (long total in new long[] { 0, 1, 7, 97, 100_003 })
        {
            Apportionment.Split(total, weights, counts);
            Assert.Equal(total, counts.Sum());
            for (int i = 0; i < weights.Length; i++)
            {
                Assert.True(Math.Abs(counts[i] - total * weights[i] / weights.Sum()) < 1, $"{total}: {counts[i]}");
            }
        }
    }

    [Fact]
    public void Multinomial_draws_add_up_are_seeded_and_follow_the_probabilities()
    {
        double[] p = [0.5, 0.25, 0.125, 0.125];
        long[] a = new long[4], b = new long[4], sum = new long[4];
        var rng1 = new Random(7);
        var rng2 = new Random(7);
        foreach (long n in new long[] { 0, 1, 8, 40, 1000, 65_536 })
        {
            Multinomial.Sample(rng1, n, p, a);
            Multinomial.Sample(rng2, n, p, b);
            Assert.Equal(n, a.Sum());
            Assert.Equal(a, b);
            Assert.All(a, c => Assert.InRange(c, 0, n));
        }
        var rng = new Random(3);
        for (int i = 0; i < 2000; i++)
        {
            Multinomial.Sample(rng, 64, p, a); // mean 32 on the first: exact draws below 30, normal above
            for (int j = 0; j < 4; j++)
            {
                sum[j] += a[j];
            }
        }
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(p[j], sum[j] / (2000.0 * 64), 2);
        }
    }

    [Fact]
    public void Every_routing_model_gives_per_expert_probabilities_summing_to_k()
    {
        ModelSpec m = ModelCatalog.Resolve("qwen3-30b-a3b");
        foreach (string spec in new[] { "uniform", "zipf:1.2", "hot:20:0.8" })
        {
            IRoutingModel r = RoutingModels.Create(spec, m, seed: 5)!;
            double[] l0 = r.InclusionProbabilities(0), l1 = r.InclusionProbabilities(1);
            Assert.Equal(m.Moe!.TopK, l0.Sum(), 9);
            Assert.Equal(128, l0.Length);
            Assert.All(l0, p => Assert.InRange(p, 0, 1));
            // Same popularity profile in every layer, on a different (seeded) set of experts unless uniform.
            Assert.Equal(l0.Order(), l1.Order());
            Assert.Equal(spec == "uniform", l0.SequenceEqual(l1));
        }
    }
}

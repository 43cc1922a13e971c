using TraceReplay.Core.Operators;
using TraceReplay.Simulation.Cost;

namespace TraceReplay.Simulation.Tests.Cost;

/// <summary>Vector path vs scalar path vs the graph's double formula, over every length 0..256 (fixed seed).</summary>
public sealed class AttentionSumsTests
{
    public static TheoryData<int> Windows => [0, 1, 128, 4096];

    [Theory]
    [MemberData(nameof(Windows))]
    public void Decode_sums_are_identical_in_vector_and_scalar_paths_for_every_length(int window)
    {
        var rng = new Random(20230828);
        for (int n = 0; n <= 256; n++)
        {
            int[] cached = [.. Enumerable.Range(0, n).Select(_ => rng.Next(0, 200_000))];
            AttentionSums.Decode(cached, window, vectorized: true, out long vp, out long vc);
            AttentionSums.Decode(cached, window, vectorized: false, out long sp, out long sc);
            Assert.Equal(sp, vp);
            Assert.Equal(sc, vc);
            double graphPairs = 0;
            foreach (int c in cached)
            {
                graphPairs += AttentionMath.CausalPairs(c, 1, window);
            }
            Assert.Equal(graphPairs, (double)sp);
            Assert.Equal(cached.Sum(c => c + 1L), sc);
        }
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void Prefill_sums_are_identical_in_vector_and_scalar_paths_for_every_length(int window)
    {
        var rng = new Random(20230828 + window);
        for (int n = 0; n <= 256; n++)
        {
            int[] tokens = [.. Enumerable.Range(0, n).Select(_ => rng.Next(1, 9000))];
            int[] offsets = [.. Enumerable.Range(0, n).Select(_ => rng.Next(0, 3) == 0 ? 0 : rng.Next(0, 100_000))];
            AttentionSums.Prefill(tokens, offsets, window, vectorized: true, out long vp, out long vr);
            AttentionSums.Prefill(tokens, offsets, window, vectorized: false, out long sp, out long sr);
            Assert.Equal(sp, vp);
            Assert.Equal(sr, vr);
            double graphPairs = 0, graphRead = 0;
            for (int i = 0; i < n; i++)
            {
                graphPairs += AttentionMath.CausalPairs(offsets[i], tokens[i], window);
                graphRead += window > 0 ? Math.Min(offsets[i], window) : offsets[i];
            }
            Assert.Equal(graphPairs, (double)sp);
            Assert.Equal(graphRead, (double)sr);
        }
    }

    [Theory]
    [InlineData(0, 10, 0, 55)]
    [InlineData(0, 10, 4, 4 * 10 - 6)] // 1+2+3+4 then 4 each: 10 + 6 x 4 = 34
    [InlineData(100, 1, 128, 101)]
    [InlineData(200, 3, 128, 3 * 128)]
    public void Integer_causal_pairs_match_hand_counts(long offset, long tokens, int window, long pairs) =>
        Assert.Equal(pairs, AttentionMath.CausalPairs<long>(offset, tokens, window));
}

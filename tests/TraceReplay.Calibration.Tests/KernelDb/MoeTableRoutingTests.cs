using TraceReplay.Calibration.KernelDb;

namespace TraceReplay.Calibration.Tests.KernelDb;

public sealed class MoeTableRoutingTests
{
    [Theory]
    [InlineData(1, 8, 8)]
    [InlineData(4, 32, 32)]
    [InlineData(64, 512, 128)]
    public void Balanced_routing_hits_min_experts_and_assigns_every_token(long tokens, long assignments, double hit)
    {
        (long a, double h) = MoeTableRouting.Local(tokens, 128, 8, 1, "balanced");
        Assert.Equal(assignments, a);
        Assert.Equal(hit, h);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(256)]
    [InlineData(4096)]
    public void Power_law_routing_keeps_the_assignments_and_hits_fewer_experts(long tokens)
    {
        (long a, double h) = MoeTableRouting.Local(tokens, 128, 8, 1, "power_law_1.2");
        (_, double balanced) = MoeTableRouting.Local(tokens, 128, 8, 1, "balanced");
        Assert.Equal(tokens * 8, a); // rounding remainders are handed out, never lost
        Assert.True(h <= balanced, $"{h} experts hit under skew vs {balanced} balanced");
    }

    [Fact]
    public void Expert_parallelism_keeps_one_rank_of_experts()
    {
        (long a, double h) = MoeTableRouting.Local(1024, 128, 8, 8, "balanced");
        Assert.Equal(16, h);
        Assert.Equal(1024 * 8 / 8, a);
    }

    [Theory]
    [InlineData(3, 128, 8, "power_law_1.01")]
    [InlineData(5, 1 << 20, 8, "power_law_1.5")] // T x k < E: most experts unhit, the remainder taken from the smallest
    public void Every_assignment_is_kept_at_any_expert_count(long tokens, int experts, int topK, string distribution)
    {
        (long a, _) = MoeTableRouting.Local(tokens, experts, topK, 1, distribution);
        Assert.Equal(tokens * topK, a);
        Assert.Equal((a, MoeTableRouting.Local(tokens, experts, topK, 1, distribution).ExpertsHit), MoeTableRouting.Local(tokens, experts, topK, 1, distribution));
    }
}

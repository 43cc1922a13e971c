using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Tests.Engine;

public sealed class ReplayOptionsTextTests
{
    [Fact]
    public void Every_replay_option_has_a_plain_value()
    {
        var o = new ReplayOptions { Model = "m", Gpu = "g" };
        IReadOnlyList<(string Name, string Value)> pairs = ReplayOptionsText.Pairs(o);
        // One pair per settable property (ActivationReserveBytes prints as activation-reserve-gib, BlockTokens as block-size, ...).
        int properties = typeof(ReplayOptions).GetProperties().Count(p => p.CanWrite);
        Assert.Equal(properties, pairs.Count);
        Assert.Equal(pairs.Count, pairs.Select(p => p.Name).Distinct().Count());
        Assert.All(pairs, p => Assert.False(string.IsNullOrWhiteSpace(p.Value), p.Name));
        Assert.Contains(("replicas", "1"), pairs);
        Assert.Contains(("router", "least-outstanding"), pairs);
        Assert.Contains(("activation-reserve-gib", "2"), pairs);
    }
}

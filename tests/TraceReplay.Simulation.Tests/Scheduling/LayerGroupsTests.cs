using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Scheduling;

namespace TraceReplay.Simulation.Tests.Scheduling;

public sealed class LayerGroupsTests
{
    private static readonly ReplayOptions s_auto = new() { Model = "m", Gpu = "g" };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(512, 1)]
    [InlineData(513, 2)]
    [InlineData(1024, 2)]
    [InlineData(2048, 4)]
    [InlineData(4096, 8)]
    [InlineData(4097, 16)]
    [InlineData(8192, 16)]
    public void Auto_follows_the_authors_table_with_the_cap(int tokens, int groups) =>
        Assert.Equal(groups, LayerGroups.Choose(tokens, s_auto, layers: 48));

    [Fact]
    public void Cap_and_layer_count_bound_the_group_count()
    {
        Assert.Equal(12, LayerGroups.Choose(8192, s_auto with { LayerGroupCap = 12 }, layers: 24));
        Assert.Equal(24, LayerGroups.Choose(100, s_auto with { LayerGroups = 40 }, layers: 24));
    }

    [Fact]
    public void Groups_are_contiguous_and_balanced_with_the_extra_layers_first()
    {
        int[] sizes = [.. Enumerable.Range(0, 5).Select(g => LayerGroups.Range(g, 5, 48).Count)];
        Assert.Equal([10, 10, 10, 9, 9], sizes);
        Assert.Equal(0, LayerGroups.Range(0, 5, 48).Start);
        for (int g = 1; g < 5; g++)
        {
            Assert.Equal(LayerGroups.Range(g - 1, 5, 48).End, LayerGroups.Range(g, 5, 48).Start);
        }
        Assert.Equal(48, LayerGroups.Range(4, 5, 48).End);
    }
}

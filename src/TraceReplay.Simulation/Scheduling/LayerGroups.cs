using TraceReplay.Core.Operators;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Scheduling;

/// <summary>Layered prefill's group count and its contiguous, balanced layer groups (BACKGROUND.md section 3).</summary>
public static class LayerGroups
{
    /// <summary>
    /// G for a cohort of <paramref name="cohortTokens"/> prompt tokens: a fixed <c>--layer-groups N</c>, or the
    /// authors' code table (T &lt;= 512: 1, &lt;= 1024: 2, &lt;= 2048: 4, &lt;= 4096: 8, else the cap); never more than the layers.
    /// </summary>
    public static int Choose(int cohortTokens, ReplayOptions options, int layers)
    {
        int g = options.LayerGroups > 0
            ? options.LayerGroups
            : cohortTokens <= 512 ? 1 : cohortTokens <= 1024 ? 2 : cohortTokens <= 2048 ? 4 : cohortTokens <= 4096 ? 8 : options.LayerGroupCap;
        if (options.LayerGroups <= 0)
        {
            g = Math.Min(g, options.LayerGroupCap);
        }
        return Math.Clamp(g, 1, layers);
    }

    /// <summary>Group <paramref name="index"/> of <paramref name="groups"/> over <paramref name="layers"/>: the first L mod G groups get one extra layer.</summary>
    public static LayerRange Range(int index, int groups, int layers)
    {
        int size = layers / groups, extra = layers % groups;
        int start = index * size + Math.Min(index, extra);
        return new LayerRange(start, start + size + (index < extra ? 1 : 0));
    }
}

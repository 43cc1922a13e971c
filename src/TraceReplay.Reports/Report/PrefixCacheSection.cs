using TraceReplay.Reports.Runs;
using TraceReplay.Reports.Text;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Report;

/// <summary>Prefix-cache reuse per instance (summary.json's <c>prefix_cache_per_instance</c>); nothing for runs without block hashes.</summary>
public static class PrefixCacheSection
{
    public static IEnumerable<ReportBlock> Blocks(IReadOnlyList<RunData> runs)
    {
        int instances = runs.Max(r => r.Summary.PrefixCachePerInstance.Count);
        if (instances == 0)
        {
            yield break;
        }
        yield return new HeadingBlock(2, "Prefix cache (from summary.json)");
        var rows = new List<string[]> { Row("prefix caching", runs, r => r.Summary.Strings.GetValueOrDefault("prefix_caching", "")) };
        rows.Add(Row("hit rate, all instances (%)", runs, r => Fmt.Sig(100 * r.Summary[MetricNames.PrefixHitRate])));
        for (int i = 0; i < instances; i++)
        {
            int k = i;
            rows.Add(Row($"hit rate, instance {i} (%)", runs, r => k < r.Summary.PrefixCachePerInstance.Count
                ? Fmt.Sig(100 * r.Summary.PrefixCachePerInstance[k].GetValueOrDefault(MetricNames.PrefixHitRate, double.NaN)) : Fmt.Sig(double.NaN)));
        }
        yield return new TableBlock(["metric", .. runs.Select(r => $"`{r.Label}`")], rows);
        yield return new ParagraphBlock(
            "Hit rate = prompt tokens found cached at each completed request's first admission (whole hash blocks, never the last prompt token) / its prompt tokens.");
    }

    private static string[] Row(string label, IReadOnlyList<RunData> runs, Func<RunData, string> value) => [label, .. runs.Select(value)];
}

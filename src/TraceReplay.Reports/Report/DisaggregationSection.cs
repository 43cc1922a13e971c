using TraceReplay.Reports.Runs;
using TraceReplay.Reports.Text;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reports.Report;

/// <summary>Disaggregated prefill/decode: KV transfers and each pool's utilisation (summary.json); nothing for aggregated runs.</summary>
public static class DisaggregationSection
{
    public static IEnumerable<ReportBlock> Blocks(IReadOnlyList<RunData> runs)
    {
        if (runs.All(r => r.Summary.Pools.Count == 0))
        {
            yield break;
        }
        yield return new HeadingBlock(2, "Disaggregated prefill/decode (from summary.json)");
        var rows = new List<string[]>
        {
            Row("KV transfers", runs, r => Fmt.Sig(r.Summary[MetricNames.KvTransfers])),
            Row("KV moved (GB)", runs, r => Fmt.Sig(r.Summary[MetricNames.KvTransferBytes] / 1e9)),
            Row("KV transfer mean / p99 (ms)", runs, r => $"{Fmt.Sig(r.Summary[MetricNames.KvTransferMeanS] * 1e3)} / {Fmt.Sig(r.Summary[MetricNames.KvTransferP99S] * 1e3)}"),
            Row("wait for decode blocks, mean (ms)", runs, r => Fmt.Sig(r.Summary[MetricNames.KvTransferWaitMeanS] * 1e3)),
        };
        foreach (string pool in new[] { "prefill", "decode" })
        {
            rows.Add(Row($"{pool} pool: instances x TP", runs, r => Pool(r, pool, p => $"{p["instances"]} x {p["tp"]}")));
            rows.Add(Row($"{pool} pool: busy (%)", runs, r => Pool(r, pool, p => Fmt.Sig(100 * p[MetricNames.BusyFraction]))));
            rows.Add(Row($"{pool} pool: peak KV use (% of one instance)", runs,
                r => Pool(r, pool, p => Fmt.Sig(100 * p[MetricNames.PeakKvBlocksUsed] / p[MetricNames.KvBlocksPerInstance]))));
        }
        yield return new TableBlock(["metric", .. runs.Select(r => $"`{r.Label}`")], rows);
        yield return new ParagraphBlock(
            "TTFT is the prefill instance's first token; the first decode-side token gap includes the KV transfer and any wait for decode blocks. " +
            "Busy = iteration time / (instances x simulated duration).");
    }

    private static string Pool(RunData r, string pool, Func<IReadOnlyDictionary<string, double>, string> cell) =>
        r.Summary.Pools.TryGetValue(pool, out IReadOnlyDictionary<string, double>? p) ? cell(p) : "-";

    private static string[] Row(string label, IReadOnlyList<RunData> runs, Func<RunData, string> value) => [label, .. runs.Select(value)];
}

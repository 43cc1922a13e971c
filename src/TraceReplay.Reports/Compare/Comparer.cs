using TraceReplay.Reports.Runs;
using TraceReplay.Reports.Stats;

namespace TraceReplay.Reports.Compare;

/// <summary>
/// Compares a candidate replay with a baseline. Each metric is computed from per-request data; its delta gets a
/// percentile bootstrap interval from <see cref="CompareOptions.Resamples"/> resamples of the requests. When both runs
/// hold exactly the same request ids (replays of one trace) the bootstrap is paired: one resample of request ids
/// weights both runs, so the interval reflects how the runs differ on the same requests, not which requests were
/// drawn. Otherwise each run is resampled on its own. Resample b uses a generator seeded from (seed, b), so the
/// numbers do not depend on thread scheduling. With <see cref="CompareOptions.Exact"/> there is no bootstrap: the
/// point difference is judged against the limits as it is.
/// </summary>
public static class Comparer
{
    public static CompareResult Run(RunData baseline, RunData candidate, ComparePolicy policy, CompareOptions options)
    {
        options.Validate();
        int[]? alignment = Align(baseline.Requests, candidate.Requests);
        RunData cand = alignment is null ? candidate : candidate with { Requests = candidate.Requests.Select(alignment) };
        var metrics = new List<(MetricDefinition Def, PreparedMetric Base, PreparedMetric Cand)>();
        foreach (MetricDefinition def in ComparedMetrics.All)
        {
            PreparedMetric? b = def.Prepare(baseline), c = def.Prepare(cand);
            if (b is null || c is null)
            {
                if (policy.For(def.Name) is not null && !policy.SkipUnavailable)
                {
                    throw new InvalidDataException(
                        $"{policy.Source}: metrics.{def.Name}: cannot be computed: {(b is null ? baseline.Directory : candidate.Directory)} {def.Unavailable}");
                }
                continue;
            }
            metrics.Add((def, b, c));
        }
        (double[][] abs, double[][] rel) = options.Exact ? ([], [])
            : Bootstrap(metrics, baseline.Requests.Count, cand.Requests.Count, alignment is not null, options);
        var results = new List<MetricComparison>();
        for (int m = 0; m < metrics.Count; m++)
        {
            (MetricDefinition def, PreparedMetric b, PreparedMetric c) = metrics[m];
            double bv = b.Evaluate(default), cv = c.Evaluate(default);
            PercentileInterval dci = options.Exact ? PercentileInterval.Undefined : PercentileInterval.Of(abs[m], options.Confidence);
            PercentileInterval rci = options.Exact ? PercentileInterval.Undefined : PercentileInterval.Of(rel[m], options.Confidence);
            MetricLimit? limit = policy.For(def.Name);
            (Verdict verdict, string reason) = LimitJudge.Judge(bv, cv, dci, rci, limit, options.Exact);
            results.Add(new MetricComparison(def, bv, cv, dci, rci, limit, verdict, reason, options.Exact));
        }
        return new CompareResult(baseline.Label, candidate.Label, baseline.Requests.Count, candidate.Requests.Count,
            alignment is not null, options, policy, results);
    }

    /// <summary>Candidate row for each baseline row when both hold the same unique ids; null otherwise.</summary>
    internal static int[]? Align(RequestData baseline, RequestData candidate)
    {
        if (baseline.Count != candidate.Count || baseline.Count == 0)
        {
            return null;
        }
        var rowOf = new Dictionary<long, int>(candidate.Count);
        for (int i = 0; i < candidate.Count; i++)
        {
            if (!rowOf.TryAdd(candidate.Id[i], i))
            {
                return null;
            }
        }
        var map = new int[baseline.Count];
        var used = new bool[candidate.Count];
        for (int i = 0; i < baseline.Count; i++)
        {
            if (!rowOf.TryGetValue(baseline.Id[i], out int j) || used[j])
            {
                return null;
            }
            used[j] = true;
            map[i] = j;
        }
        return map;
    }

    private static (double[][] Abs, double[][] Rel) Bootstrap(
        List<(MetricDefinition Def, PreparedMetric Base, PreparedMetric Cand)> metrics, int nBase, int nCand, bool paired, CompareOptions o)
    {
        double[][] abs = [.. metrics.Select(_ => new double[o.Resamples])];
        double[][] rel = [.. metrics.Select(_ => new double[o.Resamples])];
        Parallel.For(0, o.Resamples, () => (new int[nBase], new int[nCand]), (b, _, counts) =>
        {
            Random rng = ResampleCounts.For(o.Seed, b);
            ResampleCounts.Draw(rng, counts.Item1);
            int[] candCounts = counts.Item1;
            if (!paired)
            {
                ResampleCounts.Draw(rng, counts.Item2);
                candCounts = counts.Item2;
            }
            for (int m = 0; m < metrics.Count; m++)
            {
                double bv = metrics[m].Base.Evaluate(counts.Item1), cv = metrics[m].Cand.Evaluate(candCounts);
                abs[m][b] = cv - bv;
                rel[m][b] = bv != 0 ? cv / bv - 1 : double.NaN;
            }
            return counts;
        }, _ => { });
        return (abs, rel);
    }
}

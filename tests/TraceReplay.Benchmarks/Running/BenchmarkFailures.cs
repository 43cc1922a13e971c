using BenchmarkDotNet.Reports;

namespace TraceReplay.Benchmarks.Running;

/// <summary>
/// BenchmarkDotNet reports a benchmark that fails to build or throws, but its process still exits 0. This turns those
/// into exit code 1 so that <c>make bench-smoke</c> (and CI) fails: a critical validation error, or a benchmark case
/// whose build or every run failed.
/// </summary>
public static class BenchmarkFailures
{
    public static int ExitCode(IEnumerable<Summary> summaries, TextWriter error)
    {
        var failed = new List<string>();
        foreach (Summary summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                failed.AddRange(summary.ValidationErrors.Where(e => e.IsCritical).Select(e => $"{summary.Title}: {e.Message}"));
            }
            foreach (BenchmarkDotNet.Running.BenchmarkCase benchmark in summary.BenchmarksCases)
            {
                BenchmarkReport? report = summary[benchmark];
                if (report is null || !report.Success)
                {
                    failed.Add(benchmark.DisplayInfo);
                }
            }
        }
        foreach (string f in failed)
        {
            error.WriteLine($"benchmark failed: {f}");
        }
        return failed.Count == 0 ? 0 : 1;
    }
}

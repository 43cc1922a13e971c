using BenchmarkDotNet.Attributes;

namespace TraceReplay.Benchmarks.Cli;

/// <summary>
/// Issue 15's cold CLI run as a user makes it: one fresh <c>tracereplay replay</c> process per invocation (start-up,
/// JIT, input read, replay, every output). The phase breakdown of the same run comes from <c>measure cold-cli</c>
/// (tools/bench/run.sh), because BenchmarkDotNet times one operation, not the phases inside another process.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class ColdCliBenchmarks
{
    [Benchmark(Description = "tracereplay replay, fresh process, outputs written")]
    public double ColdReplay() => ColdCli.Once(phases: false).ProcessWallMs;
}

using BenchmarkDotNet.Running;
using TraceReplay.Benchmarks.Measure;
using TraceReplay.Benchmarks.Running;

// `measure`/`generate-azure`: fresh-process measurements (peak RSS, scaling, ingest); `report`: markdown tables from
// those and the BenchmarkDotNet JSON; anything else goes to BenchmarkDotNet. tools/bench/run.sh drives all three.
return args.FirstOrDefault() switch
{
    "measure" or "generate-azure" => MeasureCommand.Run(args),
    "report" => ReportCommand.Run(args),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    // BenchmarkDotNet exits 0 even when a benchmark throws; a failed one makes this exit 1 (make bench-smoke, CI).
    return BenchmarkFailures.ExitCode(BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args), Console.Error);
}

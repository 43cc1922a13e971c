using BenchmarkDotNet.Running;
using TraceReplay.Benchmarks.Measure;

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
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}

using BenchmarkDotNet.Attributes;
using TraceReplay.Ingest;
using TraceReplay.Ingest.Diagnostics;
using TraceReplay.Ingest.Kernels;
using TraceReplay.Ingest.Kernels.Classification;

namespace TraceReplay.Benchmarks.Ingest;

/// <summary>Kernel trace -> canonical kernel Parquet for the largest shipped samples, one file per operation.</summary>
[MemoryDiagnoser]
public class KernelIngestBenchmarks
{
    private string _dir = "";
    private string _input = "";

    [ParamsSource(nameof(Samples))]
    public string Sample { get; set; } = SharedSamples.LargestKernelTraces[0];

    public static IEnumerable<string> Samples => SharedSamples.LargestKernelTraces;

    [GlobalSetup]
    public void Setup()
    {
        _input = SharedSamples.Path(Sample);
        _dir = Directory.CreateTempSubdirectory("tracereplay-bench-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark]
    public long IngestKernelTrace()
    {
        var context = new IngestContext(new RejectSink(0));
        IngestCounts counts = KernelIngest.RunAsync([_input], Path.Combine(_dir, "kernels.parquet"), "auto", KernelClassifier.Default, context)
            .GetAwaiter().GetResult();
        return counts.RowsWritten;
    }
}

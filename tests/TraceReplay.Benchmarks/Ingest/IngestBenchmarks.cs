using BenchmarkDotNet.Attributes;
using TraceReplay.Ingest;
using TraceReplay.Ingest.Diagnostics;
using TraceReplay.Ingest.Requests;

namespace TraceReplay.Benchmarks.Ingest;

/// <summary>
/// Streaming ingest of a 10-million-row Azure-format request CSV into canonical Parquet. Reported time is per row
/// (OperationsPerInvoke = rows): rows/s = 1e9 / ns-per-row; MB/s = rows/s x <see cref="_bytesPerRow"/> / 1e6.
/// Peak RSS of the same ingest through the CLI is measured separately with /usr/bin/time -v (docs/ingest.md).
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private const int Rows = 10_000_000;
    private string _dir = "";
    private string _input = "";
    private double _bytesPerRow;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("tracereplay-bench-").FullName;
        _input = Path.Combine(_dir, "azure-10m.csv");
        AzureCsvGenerator.Write(_input, Rows);
        _bytesPerRow = new FileInfo(_input).Length / (double)Rows;
        Console.WriteLine($"// input: {Rows:N0} rows, {new FileInfo(_input).Length / 1e6:F1} MB ({_bytesPerRow:F1} B/row)");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark(OperationsPerInvoke = Rows)]
    public long IngestAzureCsv10M()
    {
        var context = new IngestContext(new RejectSink(0));
        IngestCounts counts = RequestIngest.RunAsync(new RequestIngestOptions([_input], Path.Combine(_dir, "out.parquet")), context).GetAwaiter().GetResult();
        return counts.RowsWritten;
    }
}

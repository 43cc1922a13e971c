using BenchmarkDotNet.Attributes;
using TraceReplay.Core.Requests;
using TraceReplay.Ingest;
using TraceReplay.Ingest.Diagnostics;
using TraceReplay.Ingest.Requests;

namespace TraceReplay.Benchmarks.Ingest;

/// <summary>
/// Streaming ingest of a 10-million-row Azure-format request CSV into canonical Parquet, one ingest per operation:
/// rows/s = rows / mean, MB/s = file bytes / mean (tools/bench/run.sh computes both; the file size is printed here).
/// <see cref="ParseAzureCsv"/> is the reader alone (no Parquet), to tell parsing from writing.
/// Peak RSS of the same ingest is measured in a fresh process by <c>measure ingest-requests</c>.
/// <c>TRACEREPLAY_BENCH_INGEST_ROWS</c> shrinks the file for the <c>--job dry</c> smoke run.
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    public const int DefaultRows = 10_000_000;
    private int _rows = DefaultRows;
    private string _dir = "";
    private string _input = "";
    private double _bytesPerRow;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("tracereplay-bench-").FullName;
        _rows = RowsFromEnvironment();
        _input = Path.Combine(_dir, "azure.csv");
        AzureCsvGenerator.Write(_input, _rows);
        _bytesPerRow = new FileInfo(_input).Length / (double)_rows;
        Console.WriteLine($"// input: {_rows:N0} rows, {new FileInfo(_input).Length / 1e6:F1} MB ({_bytesPerRow:F1} B/row)");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark]
    public long IngestAzureCsv()
    {
        var context = new IngestContext(new RejectSink(0));
        IngestCounts counts = RequestIngest.RunAsync(new RequestIngestOptions([_input], Path.Combine(_dir, "out.parquet")), context).GetAwaiter().GetResult();
        return counts.RowsWritten;
    }

    /// <summary>The reader alone (CSV bytes -> parsed rows, nothing written): what the ingest costs before Parquet.</summary>
    [Benchmark]
    public long ParseAzureCsv() => Parse(_input);

    public static long Parse(string path)
    {
        var context = new IngestContext(new RejectSink(0));
        long rows = 0;
        foreach (RequestRow row in new AzureReader().Read(path, context))
        {
            rows += row.Record.Id >= 0 ? 1 : 0;
        }
        return rows;
    }

    public static int RowsFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("TRACEREPLAY_BENCH_INGEST_ROWS"), out int rows) && rows > 0 ? rows : DefaultRows;
}

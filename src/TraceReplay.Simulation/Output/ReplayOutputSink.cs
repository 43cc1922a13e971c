using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Output;

/// <summary>Streams a replay into <c>DIR/requests.parquet</c> and <c>DIR/iterations.parquet</c>.</summary>
public sealed class ReplayOutputSink : IReplaySink, IDisposable
{
    public const string RequestsFile = "requests.parquet";
    public const string IterationsFile = "iterations.parquet";

    private readonly RequestsParquetWriter _requests;
    private readonly IterationsParquetWriter _iterations;

    /// <param name="metadata">Provenance stored in both files' key-value metadata (must not hold wall times).</param>
    /// <param name="expertParallel">Adds iterations.parquet's <c>ep_imbalance</c> column.</param>
    public ReplayOutputSink(string directory, IReadOnlyDictionary<string, string> metadata, bool expertParallel = false)
    {
        _requests = new RequestsParquetWriter(Path.Combine(directory, RequestsFile), metadata);
        _iterations = new IterationsParquetWriter(Path.Combine(directory, IterationsFile), metadata, expertParallel);
    }

    public long RequestRows => _requests.Rows;
    public long IterationRows => _iterations.Rows;

    public void OnRequest(in RequestOutcome outcome) => _requests.Add(outcome);

    public void OnIteration(in IterationRecord iteration) => _iterations.Add(iteration);

    public void Complete()
    {
        _requests.Complete();
        _iterations.Complete();
    }

    public void Dispose()
    {
        _requests.Dispose();
        _iterations.Dispose();
    }
}

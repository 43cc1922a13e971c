using Parquet;
using Parquet.Schema;
using TraceReplay.Core.IO;

namespace TraceReplay.Simulation.Output;

/// <summary>
/// A Parquet file written row group by row group into a temp file beside the target, renamed over it on
/// <see cref="Complete"/> (readers never see a half-written file). Content depends only on the rows: no timestamps.
/// </summary>
internal sealed class StreamingParquetFile : IDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private bool _completed;

    public StreamingParquetFile(string path, ParquetSchema schema, IReadOnlyDictionary<string, string> metadata)
    {
        _path = Path.GetFullPath(path);
        _temp = TempFiles.Beside(_path);
        _stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _writer = ParquetWriter.CreateAsync(schema, _stream).GetAwaiter().GetResult();
        _writer.CustomMetadata = new SortedDictionary<string, string>(metadata.ToDictionary(), StringComparer.Ordinal).ToDictionary();
        Schema = schema;
    }

    public ParquetSchema Schema { get; }

    public ParquetRowGroupWriter NewRowGroup() => _writer.CreateRowGroup();

    public void Complete()
    {
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
        TempFiles.Commit(_temp, _path);
        _completed = true;
    }

    public void Dispose()
    {
        if (_completed)
        {
            return;
        }
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
        TempFiles.Discard(_temp);
    }
}

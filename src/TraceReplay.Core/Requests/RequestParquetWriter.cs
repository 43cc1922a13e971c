using Parquet;
using Parquet.Schema;
using TraceReplay.Core.IO;

namespace TraceReplay.Core.Requests;

/// <summary>
/// Streams canonical request rows into Parquet, one row group per <see cref="RowGroupRows"/> rows, so memory stays
/// bounded for any trace length. The file appears atomically on <see cref="DisposeAsync"/> (temp file, then rename).
/// The schema is fixed (<see cref="RequestSchema"/>): optional columns are null where the source lacks the value.
/// </summary>
public sealed class RequestParquetWriter : IAsyncDisposable
{
    public const int RowGroupRows = 1 << 18;

    private readonly string _path;
    private readonly string _temp;
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly RequestColumnBuffer _buffer = new(RowGroupRows);
    private bool _disposed;

    private RequestParquetWriter(string path, string temp, FileStream stream, ParquetWriter writer)
    {
        _path = path;
        _temp = temp;
        _stream = stream;
        _writer = writer;
    }

    public long RowsWritten { get; private set; }

    /// <param name="metadata">File metadata (source, absolute start, seed, ...); the schema version is added.</param>
    public static async Task<RequestParquetWriter> CreateAsync(string path, IReadOnlyDictionary<string, string> metadata)
    {
        string full = Path.GetFullPath(path);
        string temp = TempFiles.Beside(full);
        var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        ParquetWriter writer = await ParquetWriter.CreateAsync(RequestSchema.Schema, stream).ConfigureAwait(false);
        var meta = new SortedDictionary<string, string>(metadata.ToDictionary(), StringComparer.Ordinal)
        {
            [RequestColumns.SchemaVersionKey] = RequestColumns.SchemaVersion,
        };
        writer.CustomMetadata = meta.ToDictionary();
        return new RequestParquetWriter(full, temp, stream, writer);
    }

    /// <summary>Adds metadata known only after reading (e.g. the absolute start); written in the footer on close.</summary>
    public void SetMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        var meta = new SortedDictionary<string, string>(_writer.CustomMetadata?.ToDictionary() ?? [], StringComparer.Ordinal);
        foreach ((string key, string value) in metadata)
        {
            meta[key] = value;
        }
        _writer.CustomMetadata = meta.ToDictionary();
    }

    /// <summary>Adds a bare record (no provenance): row = id, not failed; its hashes, if any, are kept.</summary>
    public ValueTask AddAsync(RequestRecord request) => AddAsync(new RequestRow(request, false, null, request.Id,
        HashIds: request.HashIds, BlockTokens: request.HashIds is null ? null : request.HashBlockTokens));

    public async ValueTask AddAsync(RequestRow row)
    {
        if (_buffer.Add(row))
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the file and moves it into place. Call <see cref="AbortAsync"/> instead to leave nothing behind.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_buffer.Count > 0 || RowsWritten == 0)
        {
            await FlushAsync().ConfigureAwait(false);
        }
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        TempFiles.Commit(_temp, _path);
    }

    /// <summary>Drops the partial output (failed ingest): the temp file is deleted and no output appears.</summary>
    public async ValueTask AbortAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        TempFiles.Discard(_temp);
    }

    private async Task FlushAsync()
    {
        using ParquetRowGroupWriter group = _writer.CreateRowGroup();
        await _buffer.WriteAsync(group).ConfigureAwait(false);
        RowsWritten += _buffer.Count;
        _buffer.Clear();
    }
}

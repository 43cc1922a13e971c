using Parquet;
using TraceReplay.Core.Requests;

namespace TraceReplay.Parquet.Requests;

/// <summary>
/// Streams canonical request rows into Parquet, one row group per <see cref="RowGroupRows"/> rows, so memory stays
/// bounded for any trace length. The file appears atomically on <see cref="DisposeAsync"/> (<see cref="ParquetOutputFile"/>).
/// The schema is fixed (<see cref="RequestSchema"/>): optional columns are null where the source lacks the value.
/// </summary>
public sealed class RequestParquetWriter : IAsyncDisposable
{
    public const int RowGroupRows = 1 << 18;

    private readonly ParquetOutputFile _file;
    private readonly RequestColumnBuffer _buffer = new(RowGroupRows);
    private bool _disposed;

    private RequestParquetWriter(ParquetOutputFile file) => _file = file;

    public long RowsWritten { get; private set; }

    /// <param name="metadata">File metadata (source, absolute start, seed, ...); the schema version is added.</param>
    public static async Task<RequestParquetWriter> CreateAsync(string path, IReadOnlyDictionary<string, string> metadata)
    {
        var meta = new Dictionary<string, string>(metadata.ToDictionary()) { [RequestColumns.SchemaVersionKey] = RequestColumns.SchemaVersion };
        return new RequestParquetWriter(await ParquetOutputFile.CreateAsync(path, RequestSchema.Schema, meta, RequestSchema.Encodings).ConfigureAwait(false));
    }

    /// <summary>Adds metadata known only after reading (e.g. the absolute start); written in the footer on close.</summary>
    public void SetMetadata(IReadOnlyDictionary<string, string> metadata) => _file.SetMetadata(metadata);

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
        try
        {
            if (_buffer.Count > 0 || RowsWritten == 0)
            {
                await FlushAsync().ConfigureAwait(false);
            }
            await _file.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Drops the partial output (failed ingest): the temp file is deleted and no output appears.</summary>
    public async ValueTask AbortAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    private async Task FlushAsync()
    {
        using ParquetRowGroupWriter group = _file.NewRowGroup();
        await _buffer.WriteAsync(group).ConfigureAwait(false);
        RowsWritten += _buffer.Count;
        _buffer.Clear();
    }
}

using Parquet;
using TraceReplay.Core.Requests;

namespace TraceReplay.Parquet.Requests;

/// <summary>
/// Streams canonical request rows into Parquet, one row group per <see cref="RowGroupRows"/> rows, so memory stays
/// bounded for any trace length. The file appears atomically on <see cref="DisposeAsync"/> (<see cref="ParquetOutputFile"/>).
/// The schema is fixed (<see cref="RequestSchema"/>): optional columns are null where the source lacks the value.
/// Double-buffered: a full row group is encoded on a pool thread while the caller fills the other buffer, so parsing
/// and Parquet encoding overlap on two cores; one group is in flight at a time, so the file is the same bytes as a
/// sequential write.
/// </summary>
public sealed class RequestParquetWriter : IAsyncDisposable
{
    public const int RowGroupRows = 1 << 18;

    private readonly ParquetOutputFile _file;
    private RequestColumnBuffer _buffer = new(RowGroupRows);
    // The buffer of the group being written, handed back for reuse once _inFlight completes; allocated at the first
    // full group, so a small file holds one buffer.
    private RequestColumnBuffer? _spare;
    private Task _inFlight = Task.CompletedTask;
    private long _rowsQueued;
    private readonly Dictionary<string, string> _lateMetadata = new(StringComparer.Ordinal);
    private bool _disposed;

    private RequestParquetWriter(ParquetOutputFile file) => _file = file;

    /// <summary>Rows in the file; final once <see cref="DisposeAsync"/> has returned.</summary>
    public long RowsWritten { get; private set; }

    /// <param name="metadata">File metadata (source, absolute start, seed, ...); the schema version is added.</param>
    public static async Task<RequestParquetWriter> CreateAsync(string path, IReadOnlyDictionary<string, string> metadata)
    {
        var meta = new Dictionary<string, string>(metadata.ToDictionary()) { [RequestColumns.SchemaVersionKey] = RequestColumns.SchemaVersion };
        return new RequestParquetWriter(await ParquetOutputFile.CreateAsync(path, RequestSchema.Schema, meta, RequestSchema.Encodings).ConfigureAwait(false));
    }

    /// <summary>Adds metadata known only after reading (e.g. the absolute start); written in the footer on close.</summary>
    /// <remarks>Applied on close, after the last group: the file's writer is never touched while a group is in flight.</remarks>
    public void SetMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        foreach ((string key, string value) in metadata)
        {
            _lateMetadata[key] = value;
        }
    }

    /// <summary>Adds a bare record (no provenance): row = id, not failed; its hashes, if any, are kept.</summary>
    public ValueTask AddAsync(RequestRecord request) => AddAsync(new RequestRow(request, false, null, request.Id,
        HashIds: request.HashIds, BlockTokens: request.HashIds is null ? null : request.HashBlockTokens));

    public async ValueTask AddAsync(RequestRow row)
    {
        if (_buffer.Add(row))
        {
            await StartFlushAsync().ConfigureAwait(false);
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
            await _inFlight.ConfigureAwait(false);
            if (_buffer.Count > 0 || _rowsQueued == 0)
            {
                await WriteGroupAsync(_buffer).ConfigureAwait(false);
            }
            if (_lateMetadata.Count > 0)
            {
                _file.SetMetadata(_lateMetadata);
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
        try
        {
            await _inFlight.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The write that failed is what the caller is aborting for; the file is dropped either way.
        }
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Waits for the previous group (its failure surfaces here), then writes the full buffer in the background.</summary>
    private async Task StartFlushAsync()
    {
        await _inFlight.ConfigureAwait(false);
        RequestColumnBuffer full = _buffer;
        _buffer = _spare ?? new RequestColumnBuffer(RowGroupRows);
        _spare = full;
        _rowsQueued += full.Count;
        _inFlight = Task.Run(() => WriteGroupAsync(full));
    }

    private async Task WriteGroupAsync(RequestColumnBuffer buffer)
    {
        using ParquetRowGroupWriter group = _file.NewRowGroup();
        await buffer.WriteAsync(group).ConfigureAwait(false);
        RowsWritten += buffer.Count;
        buffer.Clear();
    }
}

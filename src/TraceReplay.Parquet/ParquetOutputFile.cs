using Parquet;
using Parquet.Schema;
using TraceReplay.Core.IO;

namespace TraceReplay.Parquet;

/// <summary>
/// The one way a Parquet output is written: row group by row group into a temp file beside the target (Core's
/// <see cref="TempFiles"/>, as <see cref="AtomicFile"/> does), renamed over it on <see cref="CompleteAsync"/>, so
/// readers never see a half-written file; disposing without completing deletes the temp file. Content depends only on
/// the rows and the metadata (sorted by key): no timestamps.
/// </summary>
public sealed class ParquetOutputFile : IDisposable, IAsyncDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private bool _closed;

    private ParquetOutputFile(string path, string temp, FileStream stream, ParquetWriter writer)
    {
        (_path, _temp, _stream, _writer) = (path, temp, stream, writer);
    }

    /// <param name="encodings">Per-column encodings other than Parquet.Net's default (plain or dictionary, then Snappy).</param>
    public static async Task<ParquetOutputFile> CreateAsync(string path, ParquetSchema schema, IReadOnlyDictionary<string, string> metadata,
        IReadOnlyDictionary<DataField, EncodingHint>? encodings = null)
    {
        string full = Path.GetFullPath(path);
        string temp = TempFiles.Beside(full);
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        try
        {
            var options = new ParquetOptions();
            foreach ((DataField field, EncodingHint hint) in encodings ?? new Dictionary<DataField, EncodingHint>())
            {
                options.ColumnEncodingHints[field.Path.ToString()] = hint;
            }
            ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream, options).ConfigureAwait(false);
            var file = new ParquetOutputFile(full, temp, stream, writer);
            if (metadata.Count > 0) // none: the footer metadata stays unset, as the tables written before this helper left it
            {
                file.SetMetadata(metadata);
            }
            return file;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            TempFiles.Discard(temp);
            throw;
        }
    }

    public static ParquetOutputFile Create(string path, ParquetSchema schema, IReadOnlyDictionary<string, string> metadata) =>
        CreateAsync(path, schema, metadata).GetAwaiter().GetResult();

    /// <summary>A whole table in one call: <paramref name="write"/> adds the row groups; the file appears only if it succeeds.</summary>
    public static async Task WriteAsync(string path, ParquetSchema schema, IReadOnlyDictionary<string, string> metadata, Func<ParquetOutputFile, Task> write)
    {
        await using ParquetOutputFile file = await CreateAsync(path, schema, metadata).ConfigureAwait(false);
        await write(file).ConfigureAwait(false);
        await file.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Adds or replaces footer metadata (e.g. values known only after reading); written on completion.</summary>
    public void SetMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        var merged = new SortedDictionary<string, string>(_writer.CustomMetadata?.ToDictionary() ?? [], StringComparer.Ordinal);
        foreach ((string key, string value) in metadata)
        {
            merged[key] = value;
        }
        _writer.CustomMetadata = merged.ToDictionary();
    }

    public ParquetRowGroupWriter NewRowGroup() => _writer.CreateRowGroup();

    /// <summary>Writes the footer and moves the file into place.</summary>
    public async Task CompleteAsync()
    {
        try
        {
            await CloseAsync().ConfigureAwait(false);
            TempFiles.Commit(_temp, _path);
        }
        catch
        {
            TempFiles.Discard(_temp);
            throw;
        }
    }

    public void Complete() => CompleteAsync().GetAwaiter().GetResult();

    /// <summary>Without <see cref="CompleteAsync"/> first: drops the partial output (nothing appears under the name).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            await CloseAsync().ConfigureAwait(false);
            TempFiles.Discard(_temp);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task CloseAsync()
    {
        _closed = true;
        try
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}

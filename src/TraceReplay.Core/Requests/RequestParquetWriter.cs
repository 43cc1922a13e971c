using Parquet;
using Parquet.Schema;
using TraceReplay.Core.IO;

namespace TraceReplay.Core.Requests;

/// <summary>
/// Streams canonical request rows into Parquet, one row group per <see cref="RowGroupRows"/> rows, so memory stays
/// bounded for any trace length. The file appears atomically on <see cref="DisposeAsync"/>.
/// </summary>
public sealed class RequestParquetWriter : IAsyncDisposable
{
    public const int RowGroupRows = 1 << 18;

    private static readonly ParquetSchema s_schema = new(
        new DataField<long>(RequestColumns.RequestId),
        new DataField<long>(RequestColumns.ArrivalNs),
        new DataField<double>(RequestColumns.ArrivalS),
        new DataField<int>(RequestColumns.PromptTokens),
        new DataField<int>(RequestColumns.OutputTokens));

    private readonly string _path;
    private readonly string _temp;
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly long[] _ids = new long[RowGroupRows];
    private readonly long[] _arrivals = new long[RowGroupRows];
    private readonly int[] _prompts = new int[RowGroupRows];
    private readonly int[] _outputs = new int[RowGroupRows];
    private int _count;

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
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + $".{Environment.ProcessId}.tmp";
        var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        ParquetWriter writer = await ParquetWriter.CreateAsync(s_schema, stream).ConfigureAwait(false);
        var meta = new SortedDictionary<string, string>(metadata.ToDictionary(), StringComparer.Ordinal)
        {
            [RequestColumns.SchemaVersionKey] = RequestColumns.SchemaVersion,
        };
        writer.CustomMetadata = meta.ToDictionary();
        return new RequestParquetWriter(full, temp, stream, writer);
    }

    public async ValueTask AddAsync(RequestRecord request)
    {
        _ids[_count] = request.Id;
        _arrivals[_count] = request.ArrivalNs;
        _prompts[_count] = request.PromptTokens;
        _outputs[_count] = request.OutputTokens;
        if (++_count == RowGroupRows)
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        File.Move(_temp, _path, overwrite: true);
    }

    private async Task FlushAsync()
    {
        if (_count == 0 && RowsWritten > 0)
        {
            return;
        }
        using ParquetRowGroupWriter group = _writer.CreateRowGroup();
        DataField[] f = s_schema.DataFields;
        await group.WriteAsync<long>(f[0], _ids.AsMemory(0, _count)).ConfigureAwait(false);
        await group.WriteAsync<long>(f[1], _arrivals.AsMemory(0, _count)).ConfigureAwait(false);
        double[] seconds = new double[_count];
        for (int i = 0; i < _count; i++)
        {
            seconds[i] = _arrivals[i] / 1e9;
        }
        await group.WriteAsync<double>(f[2], seconds).ConfigureAwait(false);
        await group.WriteAsync<int>(f[3], _prompts.AsMemory(0, _count)).ConfigureAwait(false);
        await group.WriteAsync<int>(f[4], _outputs.AsMemory(0, _count)).ConfigureAwait(false);
        RowsWritten += _count;
        _count = 0;
    }
}

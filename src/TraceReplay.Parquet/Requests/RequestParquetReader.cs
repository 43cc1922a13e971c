using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Requests;

namespace TraceReplay.Parquet.Requests;

/// <summary>Reads canonical request Parquet row group by row group (bounded memory), in file order.</summary>
public static class RequestParquetReader
{
    private static readonly string[] s_required =
        [RequestColumns.RequestId, RequestColumns.ArrivalNs, RequestColumns.PromptTokens, RequestColumns.OutputTokens];

    /// <summary>File metadata (source, schema version, absolute start, ...).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadMetadataAsync(string path)
    {
        await using ParquetReader reader = await ParquetInput.OpenAsync(path).ConfigureAwait(false);
        return reader.CustomMetadata;
    }

    /// <summary>The replayable rows; <c>hash_ids</c> and <c>block_tokens</c>, where present, come with them.</summary>
    public static async IAsyncEnumerable<RequestRecord> ReadAsync(string path)
    {
        await using ParquetReader reader = await ParquetInput.OpenAsync(path).ConfigureAwait(false);
        DataField[] fields = [.. s_required.Select(name => Field(reader.Schema, name, path))];
        DataField? failed = reader.Schema.DataFields.FirstOrDefault(f => f.Name == RequestColumns.Failed);
        DataField? hashes = reader.Schema.DataFields.FirstOrDefault(f => f.Path.FirstPart == RequestColumns.HashIds);
        DataField? blockTokens = reader.Schema.DataFields.FirstOrDefault(f => f.Name == RequestColumns.BlockTokens);
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            (long[] ids, long[] arrivals, int[] prompts, int[] outputs, bool[] isFailed) =
                await ParquetInput.Guard(path, () => ReadGroupAsync(reader, g, fields, failed, path)).ConfigureAwait(false);
            long[]?[] hashIds = hashes is null ? new long[]?[ids.Length]
                : await ParquetInput.Guard(path, () => RequestHashColumn.ReadAsync(reader, g, hashes, ids.Length)).ConfigureAwait(false);
            int?[] tokens = new int?[ids.Length];
            if (blockTokens is not null)
            {
                await ParquetInput.Guard(path, () => ReadNullableAsync(reader, g, blockTokens, tokens)).ConfigureAwait(false);
            }
            for (int i = 0; i < ids.Length; i++)
            {
                // Failed requests (e.g. BurstGPT zero-token rows) are kept in the file for the record, never replayed.
                if (isFailed[i])
                {
                    continue;
                }
                if (hashIds[i] is not null && tokens[i] is not > 0)
                {
                    throw new InvalidDataException($"{path}: request {ids[i]} has hash_ids but no positive block_tokens (the prompt tokens each hash covers)");
                }
                yield return new RequestRecord(ids[i], arrivals[i], prompts[i], outputs[i], hashIds[i], hashIds[i] is null ? 0 : tokens[i]!.Value);
            }
        }
    }

    private static async Task<(long[], long[], int[], int[], bool[])> ReadGroupAsync(ParquetReader reader, int g, DataField[] fields, DataField? failed, string path)
    {
        using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
        int n = ParquetInput.GroupRows(group.RowCount, path);
        long[] ids = new long[n], arrivals = new long[n];
        int[] prompts = new int[n], outputs = new int[n];
        await group.ReadAsync<long>(fields[0], ids).ConfigureAwait(false);
        await group.ReadAsync<long>(fields[1], arrivals).ConfigureAwait(false);
        await group.ReadAsync<int>(fields[2], prompts).ConfigureAwait(false);
        await group.ReadAsync<int>(fields[3], outputs).ConfigureAwait(false);
        bool[] isFailed = new bool[n];
        if (failed is not null)
        {
            await group.ReadAsync<bool>(failed, isFailed).ConfigureAwait(false);
        }
        return (ids, arrivals, prompts, outputs, isFailed);
    }

    private static async Task<int?[]> ReadNullableAsync(ParquetReader reader, int g, DataField field, int?[] into)
    {
        using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
        await group.ReadAsync<int>(field, into.AsMemory()).ConfigureAwait(false);
        return into;
    }

    private static DataField Field(ParquetSchema schema, string name, string path) =>
        schema.DataFields.FirstOrDefault(f => f.Name == name)
        ?? throw new InvalidDataException(
            $"{path}: column '{name}' is missing; canonical request Parquet needs {string.Join(", ", s_required)} (write it with `tracereplay ingest requests`)");
}

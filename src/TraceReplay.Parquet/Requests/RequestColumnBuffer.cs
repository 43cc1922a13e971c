using Parquet;
using TraceReplay.Core.Requests;

namespace TraceReplay.Parquet.Requests;

/// <summary>One row group of canonical request columns, reused between flushes (structure of arrays).</summary>
internal sealed class RequestColumnBuffer(int capacity)
{
    private readonly long[] _ids = new long[capacity];
    private readonly long[] _arrivals = new long[capacity];
    private readonly double[] _seconds = new double[capacity];
    private readonly int[] _prompts = new int[capacity];
    private readonly int[] _outputs = new int[capacity];
    private readonly bool[] _failed = new bool[capacity];
    private readonly string?[] _sources = new string?[capacity];
    private readonly long[] _rows = new long[capacity];
    private readonly long?[] _epochs = new long?[capacity];
    private readonly int?[] _quanta = new int?[capacity];
    private readonly string?[] _models = new string?[capacity];
    private readonly string?[] _logTypes = new string?[capacity];
    private readonly string?[] _sessions = new string?[capacity];
    private readonly double?[] _latencies = new double?[capacity];
    private readonly int?[] _blockTokens = new int?[capacity];
    // hash_ids as Parquet levels: definition 0 = null list, 1 = empty list, 2 = element; repetition 0 starts a row.
    // Grown, never shrunk, and reused between flushes: at least one level per row.
    private long[] _hashValues = [];
    private int[] _hashDef = new int[capacity];
    private int[] _hashRep = new int[capacity];
    private int _hashValueCount;
    private int _hashLevelCount;

    public int Count { get; private set; }

    /// <returns>True when the buffer is full and must be flushed.</returns>
    public bool Add(in RequestRow row)
    {
        int i = Count;
        RequestRecord r = row.Record;
        _ids[i] = r.Id;
        _arrivals[i] = r.ArrivalNs;
        _seconds[i] = r.ArrivalNs / 1e9;
        _prompts[i] = r.PromptTokens;
        _outputs[i] = r.OutputTokens;
        _failed[i] = row.Failed;
        _sources[i] = row.Source;
        _rows[i] = row.Row;
        _epochs[i] = row.ArrivalEpochNs;
        _quanta[i] = row.ArrivalQuantumMs;
        _models[i] = row.Model;
        _logTypes[i] = row.LogType;
        _sessions[i] = row.SessionId;
        _latencies[i] = row.E2eLatencyS;
        _blockTokens[i] = row.BlockTokens;
        AddHashes(row.HashIds);
        return ++Count == _ids.Length;
    }

    public async Task WriteAsync(ParquetRowGroupWriter group)
    {
        int n = Count;
        await group.WriteAsync<long>(RequestSchema.RequestId, _ids.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAsync<long>(RequestSchema.ArrivalNs, _arrivals.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAsync<double>(RequestSchema.ArrivalS, _seconds.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAsync<int>(RequestSchema.PromptTokens, _prompts.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAsync<int>(RequestSchema.OutputTokens, _outputs.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAsync<bool>(RequestSchema.Failed, _failed.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAsync(RequestSchema.Source, new ArraySegment<string?>(_sources, 0, n)!).ConfigureAwait(false);
        await group.WriteAsync<long>(RequestSchema.Row, _rows.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAsync<long>(RequestSchema.ArrivalEpochNs, _epochs.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAsync<int>(RequestSchema.ArrivalQuantumMs, _quanta.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAsync(RequestSchema.Model, new ArraySegment<string?>(_models, 0, n)!).ConfigureAwait(false);
        await group.WriteAsync(RequestSchema.LogType, new ArraySegment<string?>(_logTypes, 0, n)!).ConfigureAwait(false);
        await group.WriteAsync(RequestSchema.SessionId, new ArraySegment<string?>(_sessions, 0, n)!).ConfigureAwait(false);
        await group.WriteAsync<double>(RequestSchema.E2eLatencyS, _latencies.AsMemory(0, n)).ConfigureAwait(false);
        await group.WriteAllPartsAsync<long>(RequestSchema.HashId, _hashValues.AsMemory(0, _hashValueCount),
            _hashDef.AsMemory(0, _hashLevelCount), _hashRep.AsMemory(0, _hashLevelCount), CancellationToken.None).ConfigureAwait(false);
        await group.WriteAsync<int>(RequestSchema.BlockTokens, _blockTokens.AsMemory(0, n)).ConfigureAwait(false);
    }

    public void Clear()
    {
        Count = 0;
        Array.Clear(_sources);
        Array.Clear(_models);
        Array.Clear(_logTypes);
        Array.Clear(_sessions);
        _hashValueCount = 0;
        _hashLevelCount = 0;
    }

    private void AddHashes(long[]? hashes)
    {
        if (hashes is null || hashes.Length == 0)
        {
            AddLevel(hashes is null ? 0 : 1, 0);
            return;
        }
        if (_hashValueCount + hashes.Length > _hashValues.Length)
        {
            Array.Resize(ref _hashValues, Math.Max(_hashValueCount + hashes.Length, 2 * _hashValues.Length));
        }
        hashes.CopyTo(_hashValues, _hashValueCount);
        _hashValueCount += hashes.Length;
        for (int k = 0; k < hashes.Length; k++)
        {
            AddLevel(2, k == 0 ? 0 : 1);
        }
    }

    private void AddLevel(int definition, int repetition)
    {
        if (_hashLevelCount == _hashDef.Length)
        {
            Array.Resize(ref _hashDef, Math.Max(16, 2 * _hashDef.Length));
            Array.Resize(ref _hashRep, Math.Max(16, 2 * _hashRep.Length));
        }
        _hashDef[_hashLevelCount] = definition;
        _hashRep[_hashLevelCount++] = repetition;
    }
}

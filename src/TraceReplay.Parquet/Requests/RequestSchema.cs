using Parquet;
using Parquet.Schema;
using TraceReplay.Core.Requests;

namespace TraceReplay.Parquet.Requests;

/// <summary>The Parquet schema of canonical request files, column order fixed (writers must follow it).</summary>
public static class RequestSchema
{
    public static readonly DataField RequestId = new DataField<long>(RequestColumns.RequestId);
    public static readonly DataField ArrivalNs = new DataField<long>(RequestColumns.ArrivalNs);
    public static readonly DataField ArrivalS = new DataField<double>(RequestColumns.ArrivalS);
    public static readonly DataField PromptTokens = new DataField<int>(RequestColumns.PromptTokens);
    public static readonly DataField OutputTokens = new DataField<int>(RequestColumns.OutputTokens);
    public static readonly DataField Failed = new DataField<bool>(RequestColumns.Failed);
    public static readonly DataField Source = new DataField<string>(RequestColumns.Source);
    public static readonly DataField Row = new DataField<long>(RequestColumns.Row);
    public static readonly DataField ArrivalEpochNs = new DataField<long?>(RequestColumns.ArrivalEpochNs);
    public static readonly DataField ArrivalQuantumMs = new DataField<int?>(RequestColumns.ArrivalQuantumMs);
    public static readonly DataField Model = new DataField<string>(RequestColumns.Model);
    public static readonly DataField LogType = new DataField<string>(RequestColumns.LogType);
    public static readonly DataField SessionId = new DataField<string>(RequestColumns.SessionId);
    public static readonly DataField E2eLatencyS = new DataField<double?>(RequestColumns.E2eLatencyS);

    /// <summary>Element of the <c>hash_ids</c> list (LIST of non-null INT64; a null list where the source has none).</summary>
    public static readonly DataField HashId = new DataField<long>("element");
    public static readonly ListField HashIds = new(RequestColumns.HashIds, HashId);
    public static readonly DataField BlockTokens = new DataField<int?>(RequestColumns.BlockTokens);

    /// <summary>
    /// Ids, row numbers and arrival times rise row by row, so their differences are small: delta-binary-packed they
    /// take about a third of the bytes of plain + Snappy and less CPU to write; arrival seconds split into byte streams
    /// compress better than plain doubles. Standard Parquet encodings (DuckDB, Arrow and Parquet.Net read them).
    /// </summary>
    public static readonly IReadOnlyDictionary<DataField, EncodingHint> Encodings = new Dictionary<DataField, EncodingHint>
    {
        [RequestId] = EncodingHint.DeltaBinaryPacked,
        [ArrivalNs] = EncodingHint.DeltaBinaryPacked,
        [ArrivalS] = EncodingHint.ByteSplitStream,
        [Row] = EncodingHint.DeltaBinaryPacked,
        [ArrivalEpochNs] = EncodingHint.DeltaBinaryPacked,
    };

    public static readonly ParquetSchema Schema = new(
        RequestId, ArrivalNs, ArrivalS, PromptTokens, OutputTokens, Failed, Source, Row,
        ArrivalEpochNs, ArrivalQuantumMs, Model, LogType, SessionId, E2eLatencyS, HashIds, BlockTokens);
}

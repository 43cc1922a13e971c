namespace TraceReplay.Core.Requests;

/// <summary>
/// Column names of the canonical request Parquet (schema version <see cref="SchemaVersion"/>), shared by ingest
/// (writer) and replay (reader). Optional columns may be absent (older files) or null (source lacks the value).
/// </summary>
public static class RequestColumns
{
    public const string SchemaVersion = "1";
    public const string SchemaVersionKey = "tracereplay.requests.schema_version";

    public const string RequestId = "request_id";
    public const string ArrivalNs = "arrival_ns";
    public const string ArrivalS = "arrival_s";
    public const string PromptTokens = "prompt_tokens";
    public const string OutputTokens = "output_tokens";
    public const string Failed = "failed";
    public const string Source = "source";
    public const string Row = "row";
    public const string ArrivalEpochNs = "arrival_epoch_ns";
    public const string ArrivalQuantumMs = "arrival_quantum_ms";
    public const string Model = "model";
    public const string LogType = "log_type";
    public const string SessionId = "session_id";
    public const string E2eLatencyS = "e2e_latency_s";
    public const string HashIds = "hash_ids";
    public const string BlockTokens = "block_tokens";

    /// <summary>File metadata keys written by ingest.</summary>
    public const string MetaFormat = "tracereplay.format";
    public const string MetaSources = "tracereplay.sources";
    public const string MetaStartEpochNs = "tracereplay.start_epoch_ns";
    public const string MetaSeed = "tracereplay.seed";
    public const string MetaArrival = "tracereplay.arrival";
    /// <summary>Prompt tokens per <c>hash_ids</c> block (512 for Mooncake); absent when no row has hashes.</summary>
    public const string MetaHashBlockTokens = "tracereplay.hash_block_tokens";
}

namespace TraceReplay.Core.Requests;

/// <summary>
/// One canonical request row with every optional field (FORMATS.md section 4). <see cref="Record"/> is the part a
/// replay needs; the rest is provenance and cache structure that a source may or may not have (null when absent).
/// </summary>
/// <param name="Record">Id, arrival (ns from trace start), prompt and output tokens.</param>
/// <param name="Failed">True for rows the source marks as failed (BurstGPT zero-token responses): kept, never replayed.</param>
/// <param name="Source">Source file name.</param>
/// <param name="Row">1-based data row (line) in the source file.</param>
/// <param name="ArrivalEpochNs">Absolute arrival (Unix epoch ns) when the source has wall-clock times.</param>
/// <param name="ArrivalQuantumMs">Timestamp resolution of the source when coarser than 1 ms (Mooncake: 3000).</param>
/// <param name="HashIds">Prefix-cache block hashes (Mooncake), each covering <see cref="BlockTokens"/> tokens.</param>
public readonly record struct RequestRow(
    RequestRecord Record,
    bool Failed,
    string? Source,
    long Row,
    long? ArrivalEpochNs = null,
    int? ArrivalQuantumMs = null,
    string? Model = null,
    string? LogType = null,
    string? SessionId = null,
    double? E2eLatencyS = null,
    long[]? HashIds = null,
    int? BlockTokens = null);

namespace TraceReplay.Reproductions.MlaMoe;

/// <summary>Memory-capacity-limited decode batch and the TPOT lower bound at that batch, for N accelerators.</summary>
public sealed record CapacityBoundRow(string Model, string Gpu, int Accelerators, int ContextTokens, double WeightBytes,
    double KvBytesPerToken, long MaxBatch, double TpotLowerBoundMs, double TpotMemoryMs, double TpotComputeMs,
    double ThroughputUpperBoundTokensPerS);

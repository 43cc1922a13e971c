namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>One prompt prefilled alone under one configuration (instance totals over both TP GPUs for bytes).</summary>
/// <param name="Config">"chunk 512" ... "chunk 8192" (sarathi) or "layered" (8192-token cohort).</param>
/// <param name="ExpertBytesEngine">Expert-weight bytes the replay engine charged (summary).</param>
/// <param name="ExpertBytesGraph">The same, recomputed here from Core's operator graph: a cross-check of the engine.</param>
/// <param name="MoeTimeMs">Router + expert GEMM time of every MoE layer over the whole prefill (per GPU; both run in parallel).</param>
/// <param name="PrefillTimeMs">Time to first token of the prompt alone (the engine's TTFT).</param>
public sealed record SinglePromptRow(string Model, string Config, int ChunkTokens, int Iterations, int LayerGroups,
    double ExpertBytesEngine, double ExpertBytesGraph, double HbmBytesTotal, double MoeTimeMs, double PrefillTimeMs);

using System.Text.Json.Serialization;

namespace TraceReplay.Simulation.Output;

/// <summary>
/// summary.json's <c>run</c>: where the figures come from (input, model, serving options, cost and energy models), in
/// key order. The disaggregated (prefill_replicas ... kv_streaming) and expert-parallel (ep, dp_attention) keys are
/// left out when null; every other null (no retiming, no dtype override, no SLO) is written.
/// </summary>
public sealed record SummaryRunJson(
    string InputFile, string InputSha256, string InputFormat, string? Retiming,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Workload,
    string Model, string Gpu, int Tp, int Replicas,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PrefillReplicas,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DecodeReplicas,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PrefillTp,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DecodeTp,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? KvLinkGbps,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? KvLinkLatencyUs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? KvStreaming,
    string Router, string Scheduler, string CostModel, string CostModelProvenance, string CostPath, string Routing,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Ep,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? DpAttention,
    int Seed, double GpuMemoryUtilization, int BlockTokens, int MaxSeqs, int ChunkTokens, int MaxBatchedTokens,
    string LayerGroups, int LayerGroupCap, int CohortTokens,
    string? WeightDtype, string? ExpertWeightDtype, string? ActivationDtype, string? KvDtype,
    string StepOverhead, double ActivationReserveBytes, int KvBlocksPerInstance, double SloTtftS, double SloTbtS,
    double StaticPowerW, double HbmPjPerByte, double PjPerFlop, string EnergySource);

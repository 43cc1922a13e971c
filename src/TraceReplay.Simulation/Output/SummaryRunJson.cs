using System.Text.Json.Serialization;

namespace TraceReplay.Simulation.Output;

/// <summary>summary.json's <c>run</c>: where the figures come from (input, model, serving options, cost and energy
/// models), in key order. Null members marked WhenWritingNull are left out; other nulls are written (no override).</summary>
public sealed record SummaryRunJson
{
    public required string InputFile { get; init; }
    public required string InputSha256 { get; init; }
    public required string InputFormat { get; init; }
    public string? Retiming { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Workload { get; init; }
    public required string Model { get; init; }
    public required string Gpu { get; init; }
    public int Tp { get; init; }
    public int Replicas { get; init; }

    // Disaggregated serving only.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? PrefillReplicas { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? DecodeReplicas { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? PrefillTp { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? DecodeTp { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? KvLinkGbps { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? KvLinkLatencyUs { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? KvStreaming { get; init; }

    public required string Router { get; init; }
    public required string Scheduler { get; init; }
    public required string CostModel { get; init; }
    public required string CostModelProvenance { get; init; }
    public required string CostPath { get; init; }
    public required string Routing { get; init; }

    // Expert parallelism only.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Ep { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? DpAttention { get; init; }

    public int Seed { get; init; }
    public double GpuMemoryUtilization { get; init; }
    public int BlockTokens { get; init; }
    public int MaxSeqs { get; init; }
    public int ChunkTokens { get; init; }
    public int MaxBatchedTokens { get; init; }
    public required string LayerGroups { get; init; }
    public int LayerGroupCap { get; init; }
    public int CohortTokens { get; init; }
    public string? WeightDtype { get; init; }
    public string? ExpertWeightDtype { get; init; }
    public string? ActivationDtype { get; init; }
    public string? KvDtype { get; init; }
    public required string StepOverhead { get; init; }
    public double ActivationReserveBytes { get; init; }
    public int KvBlocksPerInstance { get; init; }
    public double SloTtftS { get; init; }
    public double SloTbtS { get; init; }
    public double StaticPowerW { get; init; }
    public double HbmPjPerByte { get; init; }
    public double PjPerFlop { get; init; }
    public required string EnergySource { get; init; }
}

using System.Text.Json.Serialization;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>The shape of layered-prefill.json, in key order (snake_case member names): everything but wall-clock times,
/// so the same seed writes the same bytes.</summary>
public sealed record LayeredPrefillJson(string Paper, LayeredPrefillJson.ConfigJson Config, string CostModelProvenance, string EnergyNote,
    LayeredPrefillJson.SkewJson RoutingSkew, IReadOnlyList<LayeredPrefillJson.WorkloadJson> Workloads, IReadOnlyList<LayeredPrefillJson.RunJson> Runs,
    IReadOnlyList<Comparison> Comparisons, IReadOnlyList<ClaimCheck> Claims, IReadOnlyList<SinglePromptRow> SinglePrompt)
{
    public sealed record ConfigJson(string Name, int Seed, int ShareGptRequests, int ArxivRequests, string Gpu, int TensorParallel, int ChunkTokens,
        int CohortTokens, int MaxSequences, int BlockTokens, double GpuMemoryUtilization, string CostModel, IReadOnlyList<ModelSetup> Models);

    public sealed record SkewJson(string FittedModel, string Spec, double RmsErrorPoints, IReadOnlyList<CoverageJson> Coverage,
        string GptOssSpec, string GptOssAssumption, IReadOnlyList<AssumedCoverageJson> GptOssCoverage);

    public sealed record CoverageJson(int Tokens, double Measured, double Fitted);

    public sealed record AssumedCoverageJson(int Tokens, double Uniform, double Assumed);

    public sealed record WorkloadJson(string Dataset, string SourceFile, string SourceSha256, long RowsRead, long RowsExcluded, int Requests,
        string Description, LengthStats PromptTokens, LengthStats OutputTokens);

    public sealed record RunJson(string Model, string Dataset, double RatePerS, bool AtPaperRate, string Scheduler, string Folder, string Routing,
        ReplaySummary Summary);
}

/// <summary>Source-generated metadata for layered-prefill.json: snake_case keys, NaN written as "NaN" (as before).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(LayeredPrefillJson))]
public sealed partial class LayeredPrefillJsonContext : JsonSerializerContext;

using TraceReplay.Calibration.Model;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>
/// What <c>reproduce layered-prefill</c> runs: the §8 models and rates (plus higher rates where TraceReplay's modelled
/// system saturates), how many requests per run (sampled, seeded, from the length files), and the single-prompt
/// experiment. <see cref="Full"/> is the command, <see cref="Quick"/> its <c>--quick</c> variant (fewer rates and
/// requests; the same three models, so every claim is still checked at a paper rate).
/// </summary>
public sealed record LayeredPrefillConfig(
    string Name, IReadOnlyList<ModelSetup> Models, int ShareGptRequests, int ArxivRequests, int Seed,
    IReadOnlyList<int> SinglePromptChunkTokens, int SinglePromptTokens)
{
    public const string Gpu = "h100";
    public const int TensorParallel = 2;
    public const int ChunkTokens = 512;
    public const int CohortTokens = 8192;
    public const int MaxSequences = 256;
    public const int BlockTokens = 16;
    public const double GpuMemoryUtilization = 0.85;
    public const string CostModel = "calibrated";

    public static readonly string[] Schedulers = ["sarathi", "layered"];
    public static readonly int[] ChunkSizes = [512, 1024, 2048, 4096, 8192];

    /// <summary>
    /// Prefill attention's masked pairs: as profiled (default; what the H100 Kineto iteration check supports) or skipped
    /// (an ideal causal kernel). Layered prefill runs whole prompts as one chunk, so its TTFT is sensitive to this.
    /// </summary>
    public MaskedPairs MaskedPairs { get; init; } = MaskedPairs.AsProfiled;

    public int RequestsFor(string dataset) => dataset == Datasets.Arxiv ? ArxivRequests : ShareGptRequests;

    public static LayeredPrefillConfig Full() => new("full",
    [
        new ModelSetup("Qwen3-30B-A3B", 16, 0.125, IsMoe: true,
        [
            new(Datasets.ShareGpt, [4.0, 4.25, 4.5, 4.75, 5.0], [6, 7, 8, 9, 10]),
            new(Datasets.Arxiv, [1.3, 1.4, 1.5, 1.6, 1.7, 1.8], [2.2, 2.6, 3.0, 3.4]),
        ]),
        new ModelSetup("GPT-OSS-20B", 12, 0.100, IsMoe: true,
        [
            new(Datasets.ShareGpt, [5.8, 6.05, 6.3, 6.55, 6.8], [12, 16, 20, 24, 28]),
            new(Datasets.Arxiv, [2.1, 2.35, 2.6, 2.85, 3.1], [4.5, 5.5, 6.5, 7.5, 8.5]),
        ]),
        // Dense control at Qwen3-30B-A3B's rates and SLOs; cap 12 keeps 3 layers per group of its 36 (our choice).
        new ModelSetup("Qwen3-8B", 12, 0.125, IsMoe: false,
        [
            new(Datasets.ShareGpt, [4.0, 4.5, 5.0], [7, 8.5, 10]),
            new(Datasets.Arxiv, [1.3, 1.55, 1.8], [2.2, 2.8, 3.4]),
        ]),
    ], ShareGptRequests: 1200, ArxivRequests: 400, Seed: 7, ChunkSizes, 8192);

    public static LayeredPrefillConfig Quick() => new("quick",
    [
        new ModelSetup("Qwen3-30B-A3B", 16, 0.125, IsMoe: true, [new(Datasets.ShareGpt, [4.5], [8]), new(Datasets.Arxiv, [1.6], [])]),
        new ModelSetup("GPT-OSS-20B", 12, 0.100, IsMoe: true, [new(Datasets.ShareGpt, [6.3], []), new(Datasets.Arxiv, [2.6], [])]),
        new ModelSetup("Qwen3-8B", 12, 0.125, IsMoe: false, [new(Datasets.ShareGpt, [4.5], []), new(Datasets.Arxiv, [1.55], [])]),
    ], ShareGptRequests: 300, ArxivRequests: 100, Seed: 7, ChunkSizes, 8192);
}

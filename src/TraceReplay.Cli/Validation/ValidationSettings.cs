namespace TraceReplay.Cli.Validation;

/// <summary>
/// How <c>validate</c> replays each measured point. Every point runs as its closed-loop benchmark on the vllm-v1
/// scheduler with vLLM's default budgets for its GPU; the same settings for every row (nothing per model or row).
/// </summary>
public sealed record ValidationSettings
{
    /// <summary>Folder of Hugging Face snapshots, <c>DIR/&lt;org&gt;/&lt;name&gt;/config.json</c>, tried before the catalogue.</summary>
    public string? ModelsDir { get; init; }

    /// <summary>Requests per client when the source does not record the request count: K = this x concurrency.</summary>
    public int RequestsPerClient { get; init; } = 10;

    public string Scheduler { get; init; } = "vllm-v1";
    public bool EnforceEager { get; init; }
    public int Seed { get; init; }
}

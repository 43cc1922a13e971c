namespace TraceReplay.Simulation.Workloads;

/// <summary>
/// A fixed-concurrency benchmark, as <c>vllm bench serve --max-concurrency C</c> and genai-perf's
/// <c>--concurrency C</c> run it: C clients, each sending its next request the moment its previous one completes
/// (so a request's arrival is its predecessor's completion time, known only during the replay), K requests in all.
/// Prompt and output lengths come from <see cref="LengthDistribution"/>s around ISL and OSL; the output length is
/// always generated in full (vLLM's <c>ignore_eos</c>), so a request of OSL tokens emits exactly OSL tokens.
/// </summary>
/// <param name="Concurrency">Clients (C).</param>
/// <param name="NumRequests">Requests in all (K).</param>
/// <param name="InputTokens">Prompt tokens per request (ISL), the centre of <see cref="InputDistribution"/>.</param>
/// <param name="OutputTokens">Output tokens per request (OSL), the centre of <see cref="OutputDistribution"/>.</param>
public sealed record ClosedLoopWorkload(int Concurrency, int NumRequests, int InputTokens, int OutputTokens)
{
    public LengthDistribution InputDistribution { get; init; } = LengthDistribution.Fixed;
    public LengthDistribution OutputDistribution { get; init; } = LengthDistribution.Fixed;
    public int Seed { get; init; }

    /// <summary>Checks every field, naming the CLI flag that sets it.</summary>
    public ClosedLoopWorkload Validated()
    {
        Positive(Concurrency, "--concurrency");
        Positive(NumRequests, "--num-requests");
        Positive(InputTokens, "--isl");
        Positive(OutputTokens, "--osl");
        return this;
    }

    /// <summary>One line for summary.json and the terminal.</summary>
    public string Spec => FormattableString.Invariant(
        $"closed loop: concurrency {Concurrency}, {NumRequests} requests, isl {InputTokens} ({InputDistribution}), osl {OutputTokens} ({OutputDistribution}), seed {Seed}");

    private static void Positive(int v, string flag)
    {
        if (v < 1)
        {
            throw new ArgumentException($"{flag} must be a positive integer, got {v}");
        }
    }
}

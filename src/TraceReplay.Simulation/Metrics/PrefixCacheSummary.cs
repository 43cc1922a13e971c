namespace TraceReplay.Simulation.Metrics;

/// <summary>Prefix-cache reuse of one replay (completed requests), overall and per instance; present only when the
/// requests carry block hashes.</summary>
/// <param name="Enabled">Whether prefix caching was on (off: every hit is 0).</param>
/// <param name="HitTokens">Prompt tokens found cached at each request's first admission, not recomputed.</param>
/// <param name="PromptTokens">Prompt tokens of the completed requests.</param>
/// <param name="PerInstance">The same per instance, by index.</param>
public sealed record PrefixCacheSummary(bool Enabled, long HitTokens, long PromptTokens, IReadOnlyList<PrefixCacheSummary.Instance> PerInstance)
{
    /// <summary>Hit tokens / prompt tokens; NaN with no completed request.</summary>
    public double HitRate => PromptTokens > 0 ? HitTokens / (double)PromptTokens : double.NaN;

    public sealed record Instance(int Index, long HitTokens, long PromptTokens)
    {
        public double HitRate => PromptTokens > 0 ? HitTokens / (double)PromptTokens : double.NaN;
    }
}

namespace TraceReplay.Core.Models;

/// <summary>Parameter counts by part. <see cref="Active"/> counts the top-k routed experts of each MoE layer only.</summary>
public readonly record struct ParameterCounts(long Embedding, long LmHead, long Attention, long DenseMlp, long RoutedExperts, long SharedExperts, long Router, long Norms, long Active)
{
    public long Total => Embedding + LmHead + Attention + DenseMlp + RoutedExperts + SharedExperts + Router + Norms;
}

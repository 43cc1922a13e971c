namespace TraceReplay.Core.Routing;

/// <summary>How tokens spread over the experts of an MoE layer; decides how many expert weights an iteration streams.</summary>
public interface IRoutingModel
{
    /// <summary>Spec string that recreates this model (<c>uniform</c>, <c>zipf:1.2</c>).</summary>
    string Spec { get; }

    /// <summary>Expected number of distinct experts that <paramref name="tokens"/> tokens select in <paramref name="layer"/>.</summary>
    double ExpectedDistinctExperts(int layer, long tokens);

    /// <summary>
    /// True when <see cref="ExpectedDistinctExperts"/> does not depend on the layer, so a replay may cost one MoE layer
    /// and reuse it for all (a model with per-layer measured skew must say false).
    /// </summary>
    bool LayerInvariant => false;

    /// <summary>
    /// Per-token probability that each expert of <paramref name="layer"/> is among a token's top-k, in expert-id order
    /// (sums to k). Expert parallelism places experts by id, so which experts are popular decides each rank's load.
    /// </summary>
    double[] InclusionProbabilities(int layer);
}

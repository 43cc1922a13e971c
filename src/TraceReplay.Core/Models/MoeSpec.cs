namespace TraceReplay.Core.Models;

/// <summary>Mixture-of-experts layout of a model's MoE layers.</summary>
/// <param name="NumExperts">Routed experts per MoE layer (E).</param>
/// <param name="TopK">Experts each token is routed to (k).</param>
/// <param name="ExpertFfn">Intermediate size of one routed expert.</param>
/// <param name="NumSharedExperts">Always-on experts (DeepSeek); 0 if none.</param>
/// <param name="SharedExpertFfn">Intermediate size of one shared expert.</param>
/// <param name="HasBias">Expert and router projections carry biases (GPT-OSS).</param>
public sealed record MoeSpec(int NumExperts, int TopK, int ExpertFfn, int NumSharedExperts = 0, int SharedExpertFfn = 0, bool HasBias = false)
{
    /// <summary>Parameters of one routed expert (gate, up, down; biases where present).</summary>
    public long ParamsPerExpert(int hidden) => 3L * hidden * ExpertFfn + (HasBias ? 2L * ExpertFfn + hidden : 0);

    public long SharedParams(int hidden) => NumSharedExperts * 3L * hidden * SharedExpertFfn;

    public long RouterParams(int hidden) => (long)hidden * NumExperts + (HasBias ? NumExperts : 0);
}

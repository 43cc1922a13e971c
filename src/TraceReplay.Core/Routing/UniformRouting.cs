namespace TraceReplay.Core.Routing;

/// <summary>Each token picks its top-k experts uniformly: E * (1 - (1 - k/E)^T) distinct experts (BACKGROUND.md section 4).</summary>
public sealed class UniformRouting(int numExperts, int topK) : IRoutingModel
{
    private readonly double _missLog = Math.Log(1.0 - (double)topK / numExperts);

    public string Spec => "uniform";

    public double ExpectedDistinctExperts(int layer, long tokens) =>
        tokens <= 0 ? 0 : topK >= numExperts ? numExperts : numExperts * -double.ExpM1(_missLog * tokens);

    public bool LayerInvariant => true;

    public double[] InclusionProbabilities(int layer) => [.. Enumerable.Repeat(Math.Min(1.0, (double)topK / numExperts), numExperts)];
}

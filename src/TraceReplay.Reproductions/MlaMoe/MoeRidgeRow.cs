namespace TraceReplay.Reproductions.MlaMoe;

/// <param name="FormulaBatchTokens">ridge x E / k (arXiv 2507.15465).</param>
/// <param name="GraphBatchTokens">Smallest decode batch whose expert operator in TraceReplay's graph reaches the ridge
/// (counts activation traffic and only the experts actually hit, so it differs from the formula).</param>
public sealed record MoeRidgeRow(string Model, string Gpu, double RidgeFlopsPerByte, int Experts, int TopK,
    double FormulaBatchTokens, int GraphBatchTokens);

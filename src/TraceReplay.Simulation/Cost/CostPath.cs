namespace TraceReplay.Simulation.Cost;

/// <summary>How iteration costs are evaluated; all three give the same figures (see docs/replay.md).</summary>
public enum CostPath
{
    /// <summary>Per-layer-kind evaluation with <c>Vector&lt;T&gt;</c> reductions over requests (default).</summary>
    Vectorized,
    /// <summary>The same per-layer-kind evaluation with scalar loops: byte-identical results to <see cref="Vectorized"/>.</summary>
    Scalar,
    /// <summary>Every operator of every layer through <c>OperatorGraph</c> + <c>IterationCost.Sum</c> (slow; equal to ~1e-12 relative).</summary>
    Reference,
}

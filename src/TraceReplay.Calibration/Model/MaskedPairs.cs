namespace TraceReplay.Calibration.Model;

/// <summary>
/// How prefill attention's causally masked (query, key) pairs of a chunk are costed. Vidur's profiled A100 kernel
/// costs like the full chunk x context rectangle (its fit puts masked_fraction at 1): a chunk's own triangle runs at
/// about half the per-pair rate of its cached context. A FlashAttention causal kernel skips fully masked tiles but
/// pays the diagonal ones and runs short key loops on a fresh prompt; on the H100 Kineto trace (FA2, fresh prompts)
/// the as-profiled cost is the closer one (<c>iter-check</c> prints both). The fitted efficiencies are kept either way.
/// </summary>
public enum MaskedPairs
{
    /// <summary>The fitted masked_fraction (at least the diagonal tiles). Default everywhere.</summary>
    AsProfiled,

    /// <summary>Only the diagonal tiles of the masked triangle are paid: the what-if of an ideal causal kernel.</summary>
    Skipped,
}

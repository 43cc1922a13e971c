namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>One model of the §8 setup: its layered-prefill group cap, token-gap SLO and the request rates per dataset.</summary>
/// <param name="IsMoe">False for the dense control (Qwen3-8B), where layered prefill has no expert reloads to save.</param>
public sealed record ModelSetup(string Model, int LayerGroupCap, double SloTbtS, bool IsMoe, IReadOnlyList<DatasetRates> Rates);

using TraceReplay.Core.Operators;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// One iteration of one instance. Bytes, FLOPs and energy are instance totals (all its GPUs). <see cref="EpImbalance"/>:
/// under expert parallelism, max-rank over mean-rank expert assignments (mean over MoE layers); NaN otherwise.
/// </summary>
public readonly record struct IterationRecord(
    long Iteration, int Instance, long StartNs, long DurationNs, int PrefillTokens, int DecodeTokens, int PrefillPieces, int SampledTokens,
    int KvBlocksUsed, HbmTraffic HbmBytes, double Flops, double EnergyJ, int LayerGroup, int LayerGroups, double EpImbalance = double.NaN);

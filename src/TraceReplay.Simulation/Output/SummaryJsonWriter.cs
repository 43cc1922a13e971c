using System.Globalization;
using System.Text.Json;
using TraceReplay.Core.IO;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Simulation.Output;

/// <summary>
/// <c>summary.json</c>: headline figures first (fixed key order, <see cref="SummaryJson"/>), then the run's
/// provenance. NaN is written as null. <c>wall_s</c> is the only value that changes between identical runs.
/// </summary>
public static class SummaryJsonWriter
{
    public const string FileName = "summary.json";

    public const string EnergyNote =
        "estimate: static power x time (busy and idle) + pJ per HBM byte + pJ per FLOP, per GPU x TP; coefficients per GPU from gpus.json (see energy_source), not measured";

    public const string OverloadNote =
        "overloaded: the waiting queue that arrivals find, fitted linearly over the arrival window, rises by >= 5% of the requests (and >= 16): the system serves under ~95% of the offered load, so latencies grow with trace length";

    public const string TbtP99Method = "pooled over all token gaps; log-linear histogram, within 0.4% of the exact nearest-rank value";

    public static void Write(string path, ReplaySummary s, ReplayRunInfo info, double wallS) =>
        AtomicFile.WriteAllBytes(path, ToUtf8(s, info, wallS));

    public static byte[] ToUtf8(ReplaySummary s, ReplayRunInfo info, double wallS) =>
        JsonSerializer.SerializeToUtf8Bytes(ToJson(s, info, wallS), SimulationJsonContext.Default.SummaryJson);

    public static SummaryJson ToJson(ReplaySummary s, ReplayRunInfo info, double wallS)
    {
        bool ep = info.Options.ExpertParallel > 1;
        PrefixCacheSummary? p = s.PrefixCache;
        DisaggregationSummary? d = s.Disaggregation;
        return new SummaryJson
        {
            Requests = s.Requests, Completed = s.Completed, Rejected = s.Rejected, RejectedByReason = s.RejectedByReason,
            SimDurationS = s.SimDurationS,
            TtftMeanS = s.TtftMeanS, TtftP50S = s.TtftP50S, TtftP90S = s.TtftP90S, TtftP99S = s.TtftP99S,
            TbtMeanS = s.TbtMeanS, TbtP99S = s.TbtP99S, TpotMeanS = s.TpotMeanS, TpotP99S = s.TpotP99S, ItlMeanS = s.ItlMeanS,
            E2eMeanS = s.E2eMeanS, E2eP50S = s.E2eP50S, E2eP99S = s.E2eP99S,
            ThroughputTokensPerS = s.ThroughputTokensPerS, OutputThroughputTokensPerS = s.OutputThroughputTokensPerS,
            RequestThroughputPerS = s.RequestThroughputPerS, SloAttainment = s.SloAttainment,
            HbmBytesTotal = s.HbmBytesTotal, HbmBytesExpertWeights = s.HbmBytesExpertWeights, HbmBytesWeights = s.HbmBytesWeights,
            HbmBytesKvRead = s.HbmBytesKvRead, HbmBytesKvWrite = s.HbmBytesKvWrite, HbmBytesActivations = s.HbmBytesActivations,
            EnergyJ = s.EnergyJ, EnergyIdleJ = s.EnergyIdleJ, EnergyPerTokenJ = s.EnergyPerTokenJ,
            Iterations = s.Iterations, Preemptions = s.Preemptions, PromptTokens = s.PromptTokens, GeneratedTokens = s.GeneratedTokens,
            KvBlocksPerInstance = s.KvBlocksPerInstance, PeakKvBlocksUsed = s.PeakKvBlocksUsed,
            Overloaded = s.Overloaded, QueueGrowthRequestsPerS = s.QueueGrowthRequestsPerS, QueueRiseRequests = s.QueueRiseRequests,
            PrefixCaching = p is null ? null : p.Enabled ? "on" : "off",
            PrefixHitTokens = p?.HitTokens,
            PrefixHitRate = p?.HitRate,
            PrefixCachePerInstance = p?.PerInstance.Select(i => new PrefixInstanceJson(i.Index, i.PromptTokens, i.HitTokens, i.HitRate)).ToList(),
            KvTransfers = d?.Transfers, KvTransferBytes = d?.KvTransferBytes, KvTransferMeanS = d?.KvTransferMeanS,
            KvTransferP99S = d?.KvTransferP99S, KvTransferWaitMeanS = d?.KvWaitMeanS, KvBytesPerToken = d?.KvBytesPerToken,
            Pools = d is null ? null : new PoolsJson(DisaggregationJson.Pool(d.Prefill), DisaggregationJson.Pool(d.Decode)),
            DisaggregatedTiming = d is null ? null : DisaggregationJson.TimingNote,
            EpImbalanceMean = ep ? s.EpImbalanceMean : null, EpImbalanceMax = ep ? s.EpImbalanceMax : null,
            WeightBytesPerGpu = ep ? s.WeightBytesPerGpu : null,
            TbtP99Method = TbtP99Method, EnergyNote = EnergyNote, OverloadNote = OverloadNote,
            Run = Run(info),
            WallS = Math.Round(wallS, 3),
        };
    }

    private static SummaryRunJson Run(ReplayRunInfo info)
    {
        ReplayOptions o = info.Options;
        bool ep = o.ExpertParallel > 1, pd = o.Disaggregated;
        return new SummaryRunJson(
            info.InputFile, info.InputSha256, info.InputFormat, info.Retiming, info.Workload,
            o.Model, o.Gpu, o.TensorParallel, o.InstanceCount,
            PrefillReplicas: pd ? o.PrefillReplicas : null, DecodeReplicas: pd ? o.DecodeReplicas : null,
            PrefillTp: pd ? o.ForPool(prefill: true).TensorParallel : null, DecodeTp: pd ? o.ForPool(prefill: false).TensorParallel : null,
            KvLinkGbps: pd ? o.KvLinkGbps : null, KvLinkLatencyUs: pd ? o.KvLinkLatencyUs : null, KvStreaming: pd ? (o.KvStreaming ? "on" : "off") : null,
            RouterPolicies.ToName(o.Router), o.Scheduler, info.CostModel, info.CostModelProvenance, o.CostPath.ToString().ToLowerInvariant(), o.Routing,
            Ep: ep ? o.ExpertParallel : null, DpAttention: ep ? o.DpAttention : null,
            o.Seed, o.GpuMemoryUtilization, o.BlockTokens, o.MaxSequences, o.ChunkTokens, o.MaxBatchedTokens,
            o.LayerGroups > 0 ? o.LayerGroups.ToString(CultureInfo.InvariantCulture) : "auto", o.LayerGroupCap, o.CohortTokens,
            Dtype(o.WeightDtype), Dtype(o.ExpertWeightDtype), Dtype(o.ActivationDtype), Dtype(o.KvDtype),
            StepOverhead.For(o) switch
            {
                { Enabled: false } => "none",
                { EnforceEager: true } => "eager",
                var so => FormattableString.Invariant($"cuda graphs for decode-only steps up to {so.CudaGraphMaxBatch} requests"),
            },
            o.ActivationReserveBytes, info.KvBlocksPerInstance, o.SloTtftS ?? double.NaN, o.SloTbtS ?? double.NaN,
            info.Energy.StaticPowerW, info.Energy.HbmPjPerByte, info.Energy.PjPerFlop, info.Energy.Source);
    }

    /// <summary>A dtype override, or null when the model's own format applies.</summary>
    private static string? Dtype(Core.Models.DType? d) => d is { } v ? Core.Models.DTypes.ToName(v) : null;
}

using TraceReplay.Core.Operators;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Metrics;

/// <summary>
/// Folds outcomes and iterations into <see cref="ReplaySummary"/> as they stream by. TTFT and E2E percentiles are
/// exact (<see cref="SpillingSample"/>: in memory up to 1Mi requests, then spilled to a temporary file, so memory
/// stays bounded for any trace length); pooled token-gap percentiles come from a <see cref="LogHistogram"/>
/// (within 0.4%); means are exact.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The samples' temporary files are released by ReleaseSpill once the summary is built, and are DeleteOnClose anyway.")]
public sealed class SummaryAccumulator
{
    private readonly SpillingSample _ttft;
    private readonly SpillingSample _e2e;
    private readonly SpillingSample _tpot;
    private readonly Dictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private long _requests, _completed, _sloMet, _iterations, _prompt, _generated, _expected, _preemptions;
    private double _gapSumNs;
    private double _tpotSumNs;
    private HbmTraffic _bytes;
    private double _energyJ;
    private int _peakBlocks;
    private double _epImbalanceSum, _epImbalanceMax = double.NaN;
    private long _epImbalanceCount;

    /// <param name="memoryCapValues">TTFT and E2E values each kept in memory before spilling to disk.</param>
    public SummaryAccumulator(int memoryCapValues = SpillingSample.DefaultMemoryCapValues)
    {
        _ttft = new SpillingSample(memoryCapValues);
        _e2e = new SpillingSample(memoryCapValues);
        _tpot = new SpillingSample(memoryCapValues);
    }

    public LogHistogram Gaps { get; } = new();

    public void AddOutcome(in RequestOutcome o)
    {
        _requests++;
        _preemptions += o.Preemptions;
        if (!o.Completed)
        {
            _rejected[o.RejectReason!] = _rejected.GetValueOrDefault(o.RejectReason!) + 1;
            return;
        }
        _completed++;
        _ttft.Add(o.TtftNs);
        _e2e.Add(o.E2eNs);
        if (double.IsFinite(o.TpotNs))
        {
            // Exact mean from the double sum; the percentile sample holds whole ns (rounding moves p99 by < 1 ns).
            _tpotSumNs += o.TpotNs;
            _tpot.Add((long)Math.Round(o.TpotNs, MidpointRounding.ToEven));
        }
        _prompt += o.PromptTokens;
        _generated += o.GeneratedTokens;
        _expected += o.OutputTokens;
        _sloMet += o.SloMet == true ? 1 : 0;
    }

    /// <summary>One token gap of some request (the pooled TBT distribution).</summary>
    public void AddGap(long gapNs)
    {
        Gaps.Add(gapNs);
        _gapSumNs += gapNs;
    }

    public void AddIteration(in IterationRecord it)
    {
        _iterations++;
        _bytes += it.HbmBytes;
        _energyJ += it.EnergyJ;
        _peakBlocks = Math.Max(_peakBlocks, it.KvBlocksUsed);
        if (double.IsFinite(it.EpImbalance))
        {
            _epImbalanceSum += it.EpImbalance;
            _epImbalanceCount++;
            _epImbalanceMax = double.IsNaN(_epImbalanceMax) ? it.EpImbalance : Math.Max(_epImbalanceMax, it.EpImbalance);
        }
    }

    public ReplaySummary Build(double simDurationS, double idleEnergyJ, bool hasSlo, int kvBlocks)
    {
        SpillingSample ttft = _ttft, e2e = _e2e;
        double energy = _energyJ + idleEnergyJ;
        long tokens = _prompt + _generated;
        return new ReplaySummary
        {
            Requests = _requests,
            Completed = _completed,
            Rejected = _requests - _completed,
            RejectedByReason = new SortedDictionary<string, long>(_rejected, StringComparer.Ordinal),
            SimDurationS = simDurationS,
            TtftMeanS = Mean(ttft),
            TtftP50S = Q(ttft, 0.50),
            TtftP90S = Q(ttft, 0.90),
            TtftP99S = Q(ttft, 0.99),
            TbtMeanS = Gaps.Count > 0 ? _gapSumNs / Gaps.Count * 1e-9 : double.NaN,
            TpotMeanS = _tpot.Count > 0 ? _tpotSumNs / _tpot.Count * 1e-9 : double.NaN,
            TpotP99S = Q(_tpot, 0.99),
            RequestThroughputPerS = simDurationS > 0 ? _completed / simDurationS : double.NaN,
            TbtP99S = Gaps.Quantile(0.99) * 1e-9,
            E2eMeanS = Mean(e2e),
            E2eP50S = Q(e2e, 0.50),
            E2eP99S = Q(e2e, 0.99),
            ThroughputTokensPerS = simDurationS > 0 ? tokens / simDurationS : double.NaN,
            OutputThroughputTokensPerS = simDurationS > 0 ? _generated / simDurationS : double.NaN,
            SloAttainment = hasSlo && _requests > 0 ? (double)_sloMet / _requests : double.NaN,
            HbmBytesTotal = _bytes.TotalBytes,
            HbmBytesExpertWeights = _bytes.ExpertWeightBytes,
            HbmBytesWeights = _bytes.WeightBytes,
            HbmBytesKvRead = _bytes.KvReadBytes,
            HbmBytesKvWrite = _bytes.KvWriteBytes,
            HbmBytesActivations = _bytes.ActivationBytes,
            EnergyJ = energy,
            EnergyIdleJ = idleEnergyJ,
            EnergyPerTokenJ = tokens > 0 ? energy / tokens : double.NaN,
            Iterations = _iterations,
            Preemptions = _preemptions,
            PromptTokens = _prompt,
            GeneratedTokens = _generated,
            ExpectedOutputTokens = _expected,
            KvBlocksPerInstance = kvBlocks,
            PeakKvBlocksUsed = _peakBlocks,
            EpImbalanceMean = _epImbalanceCount > 0 ? _epImbalanceSum / _epImbalanceCount : double.NaN,
            EpImbalanceMax = _epImbalanceMax,
        };
    }

    /// <summary>Deletes the temporary files of spilled samples (after the last <see cref="Build"/>).</summary>
    public void ReleaseSpill()
    {
        _ttft.Dispose();
        _e2e.Dispose();
        _tpot.Dispose();
    }

    private static double Mean(SpillingSample ns) => ns.Mean * 1e-9;

    private static double Q(SpillingSample ns, double q) => ns.Count == 0 ? double.NaN : ns.Quantile(q) * 1e-9;
}

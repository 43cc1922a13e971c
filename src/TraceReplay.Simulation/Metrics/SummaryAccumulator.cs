using TraceReplay.Core.Operators;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Metrics;

/// <summary>
/// Folds outcomes and iterations into <see cref="ReplaySummary"/> as they stream by. TTFT and E2E percentiles are
/// exact (8 bytes per completed request); pooled token-gap percentiles come from a <see cref="LogHistogram"/>
/// (within 0.4%); means are exact.
/// </summary>
public sealed class SummaryAccumulator
{
    private readonly LongList _ttft = new();
    private readonly LongList _e2e = new();
    private readonly Dictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private long _requests, _completed, _sloMet, _iterations, _prompt, _generated, _expected, _preemptions;
    private double _gapSumNs;
    private HbmTraffic _bytes;
    private double _energyJ;
    private int _peakBlocks;

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
    }

    public ReplaySummary Build(double simDurationS, double idleEnergyJ, bool hasSlo, int kvBlocks)
    {
        Span<long> ttft = _ttft.Span, e2e = _e2e.Span;
        ttft.Sort();
        e2e.Sort();
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
        };
    }

    private static double Mean(ReadOnlySpan<long> ns)
    {
        if (ns.Length == 0)
        {
            return double.NaN;
        }
        long sum = 0;
        foreach (long v in ns)
        {
            sum += v;
        }
        return sum / (double)ns.Length * 1e-9;
    }

    private static double Q(ReadOnlySpan<long> sorted, double q) => sorted.Length == 0 ? double.NaN : Quantiles.OfSorted(sorted, q) * 1e-9;
}

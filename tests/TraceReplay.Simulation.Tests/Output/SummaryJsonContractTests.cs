using System.Text;
using System.Text.Json;
using TraceReplay.Core.Hardware;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;

namespace TraceReplay.Simulation.Tests.Output;

/// <summary>summary.json's keys are a contract, and every figure it writes is a metric of the catalogue.</summary>
public sealed class SummaryJsonContractTests
{
    /// <summary>Members of summary.json's nested objects that say which pool or instance a figure belongs to.</summary>
    private static readonly string[] s_identityKeys = ["instance", "instances", "tp"];

    [Fact]
    public void Every_number_and_flag_summary_json_writes_is_a_catalogue_metric()
    {
        using JsonDocument doc = JsonDocument.Parse(SummaryJsonWriter.ToUtf8(AllFeatures(), Info(AllFeatureOptions()), wallS: 1.2345));
        var figures = new List<string>();
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False)
            {
                figures.Add(p.Name);
            }
        }
        foreach (JsonElement i in doc.RootElement.GetProperty("prefix_cache_per_instance").EnumerateArray())
        {
            figures.AddRange(i.EnumerateObject().Select(x => x.Name).Except(s_identityKeys));
        }
        foreach (JsonProperty pool in doc.RootElement.GetProperty("pools").EnumerateObject())
        {
            figures.AddRange(pool.Value.EnumerateObject().Select(x => x.Name).Except(s_identityKeys));
        }
        Assert.Contains(MetricNames.KvTransferP99S, figures);
        Assert.Contains(MetricNames.EpImbalanceMax, figures);
        Assert.Contains(MetricNames.BusyFraction, figures);
        string[] unknown = [.. figures.Where(k => MetricCatalog.Find(k) is null)];
        Assert.True(unknown.Length == 0, "not in the metric catalogue: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Feature_keys_appear_only_with_their_feature_and_undefined_figures_are_null()
    {
        ReplaySummary plain = AllFeatures() with { PrefixCache = null, Disaggregation = null, SloAttainment = double.NaN };
        using JsonDocument doc = JsonDocument.Parse(SummaryJsonWriter.ToUtf8(plain, Info(new ReplayOptions { Model = "llama-3-8b", Gpu = "h100", Scheduler = "vllm" }), 0));
        string[] keys = [.. doc.RootElement.EnumerateObject().Select(p => p.Name)];
        Assert.DoesNotContain(MetricNames.PrefixHitRate, keys);
        Assert.DoesNotContain(MetricNames.KvTransfers, keys);
        Assert.DoesNotContain(MetricNames.EpImbalanceMean, keys);
        Assert.DoesNotContain("pools", keys);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty(MetricNames.SloAttainment).ValueKind);
        JsonElement run = doc.RootElement.GetProperty("run");
        Assert.Equal(JsonValueKind.Null, run.GetProperty("retiming").ValueKind);
        Assert.Equal(JsonValueKind.Null, run.GetProperty("kv_dtype").ValueKind);
        Assert.Equal(JsonValueKind.Null, run.GetProperty("slo_ttft_s").ValueKind);
        Assert.False(run.TryGetProperty("workload", out _));
        Assert.False(run.TryGetProperty("prefill_replicas", out _));
        Assert.False(run.TryGetProperty("ep", out _));
        Assert.Equal("wall_s", keys[^1]);
    }

    [Fact]
    public void Summary_json_with_every_feature_keeps_its_key_order_and_number_formatting()
    {
        // Written by the Utf8JsonWriter-based writer summary.json had before source generation (same inputs): the layout is a contract.
        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Output", "summary-all-features.json")).ReplaceLineEndings("\n");
        string actual = Encoding.UTF8.GetString(SummaryJsonWriter.ToUtf8(AllFeatures(), Info(AllFeatureOptions()), wallS: 1.2345)).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }

    private static ReplayOptions AllFeatureOptions() => new()
    {
        Model = "qwen3-30b-a3b", Gpu = "h100", Scheduler = "vllm-v1", PrefillReplicas = 2, DecodeReplicas = 1, ExpertParallel = 2, DpAttention = true,
        SloTtftS = 5, SloTbtS = 0.125, Seed = 7,
    };

    private static ReplayRunInfo Info(ReplayOptions o) =>
        new(o, "trace.csv", "ab12", "csv", null, "roofline", "datasheet", EnergyModel.For(GpuCatalog.Resolve(o.Gpu), o), 1000);

    private static ReplaySummary AllFeatures() => new()
    {
        Requests = 10, Completed = 9, Rejected = 1, RejectedByReason = new Dictionary<string, long> { ["prompt_too_long"] = 1 },
        SimDurationS = 12.5, TtftMeanS = 0.1, TtftP50S = 0.05, TtftP90S = 0.2, TtftP99S = 0.3, TbtMeanS = 0.01, TbtP99S = 0.02,
        TpotMeanS = 0.011, TpotP99S = 0.021, RequestThroughputPerS = 0.72, E2eMeanS = 1.5, E2eP50S = 1.4, E2eP99S = 2.5,
        ThroughputTokensPerS = 1234.5678, OutputThroughputTokensPerS = 100.25, SloAttainment = 0.9,
        HbmBytesTotal = 1.5e15, HbmBytesExpertWeights = 1e14, HbmBytesWeights = 2e14, HbmBytesKvRead = 3e13, HbmBytesKvWrite = 4e12, HbmBytesActivations = 5e11,
        EnergyJ = 4567.8, EnergyIdleJ = 12.3, EnergyPerTokenJ = 0.0321, Iterations = 400, Preemptions = 2, PromptTokens = 5000, GeneratedTokens = 900,
        ExpectedOutputTokens = 1000, KvBlocksPerInstance = 1000, PeakKvBlocksUsed = 321, Overloaded = true, QueueGrowthRequestsPerS = 0.5, QueueRiseRequests = 6.25,
        PrefixCache = new PrefixCacheSummary(true, 1200, 5000, [new(0, 700, 3000), new(1, 500, 0)]),
        Disaggregation = new DisaggregationSummary(9, 1.25e9, 0.004, 0.009, double.NaN, 131072,
            new DisaggregationSummary.Pool(2, 1, 1000, 0.75, 321), new DisaggregationSummary.Pool(1, 1, 2000, 0.5, 654)),
        EpImbalanceMean = 1.25, EpImbalanceMax = 2, WeightBytesPerGpu = 3.2e10,
    };
}

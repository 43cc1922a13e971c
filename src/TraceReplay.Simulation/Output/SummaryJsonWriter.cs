using System.Text.Json;
using TraceReplay.Core.IO;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Simulation.Output;

/// <summary>
/// <c>summary.json</c>: headline figures first (fixed key order), then the run's provenance. NaN is written as
/// null. <c>wall_s</c> is the only value that changes between identical runs.
/// </summary>
public static class SummaryJsonWriter
{
    public const string FileName = "summary.json";

    public const string EnergyNote =
        "estimate: static power x time (busy and idle) + pJ per HBM byte + pJ per FLOP, per GPU x TP; coefficients per GPU from gpus.json (see energy_source), not measured";

    public const string OverloadNote =
        "overloaded: the waiting queue that arrivals find, fitted linearly over the arrival window, rises by >= 5% of the requests (and >= 16): the system serves under ~95% of the offered load, so latencies grow with trace length";

    public const string TbtP99Method = "pooled over all token gaps; log-linear histogram, within 0.4% of the exact nearest-rank value";

    public static void Write(string path, ReplaySummary s, ReplayRunInfo info, double wallS)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("requests", s.Requests);
            w.WriteNumber("completed", s.Completed);
            w.WriteNumber("rejected", s.Rejected);
            w.WriteStartObject("rejected_by_reason");
            foreach ((string reason, long count) in s.RejectedByReason)
            {
                w.WriteNumber(reason, count);
            }
            w.WriteEndObject();
            Num(w, "sim_duration_s", s.SimDurationS);
            Num(w, "ttft_mean_s", s.TtftMeanS);
            Num(w, "ttft_p50_s", s.TtftP50S);
            Num(w, "ttft_p90_s", s.TtftP90S);
            Num(w, "ttft_p99_s", s.TtftP99S);
            Num(w, "tbt_mean_s", s.TbtMeanS);
            Num(w, "tbt_p99_s", s.TbtP99S);
            Num(w, "tpot_mean_s", s.TpotMeanS);
            Num(w, "tpot_p99_s", s.TpotP99S);
            Num(w, "itl_mean_s", s.ItlMeanS);
            Num(w, "e2e_mean_s", s.E2eMeanS);
            Num(w, "e2e_p50_s", s.E2eP50S);
            Num(w, "e2e_p99_s", s.E2eP99S);
            Num(w, "throughput_tokens_per_s", s.ThroughputTokensPerS);
            Num(w, "output_throughput_tokens_per_s", s.OutputThroughputTokensPerS);
            Num(w, "request_throughput_per_s", s.RequestThroughputPerS);
            Num(w, "slo_attainment", s.SloAttainment);
            Num(w, "hbm_bytes_total", s.HbmBytesTotal);
            Num(w, "hbm_bytes_expert_weights", s.HbmBytesExpertWeights);
            Num(w, "hbm_bytes_weights", s.HbmBytesWeights);
            Num(w, "hbm_bytes_kv_read", s.HbmBytesKvRead);
            Num(w, "hbm_bytes_kv_write", s.HbmBytesKvWrite);
            Num(w, "hbm_bytes_activations", s.HbmBytesActivations);
            Num(w, "energy_j", s.EnergyJ);
            Num(w, "energy_idle_j", s.EnergyIdleJ);
            Num(w, "energy_per_token_j", s.EnergyPerTokenJ);
            w.WriteNumber("iterations", s.Iterations);
            w.WriteNumber("preemptions", s.Preemptions);
            w.WriteNumber("prompt_tokens", s.PromptTokens);
            w.WriteNumber("generated_tokens", s.GeneratedTokens);
            w.WriteNumber("kv_blocks_per_instance", s.KvBlocksPerInstance);
            w.WriteNumber("peak_kv_blocks_used", s.PeakKvBlocksUsed);
            w.WriteBoolean("overloaded", s.Overloaded);
            Num(w, "queue_growth_requests_per_s", s.QueueGrowthRequestsPerS);
            Num(w, "queue_rise_requests", s.QueueRiseRequests);
            if (s.PrefixCache is { } prefix)
            {
                WritePrefixCache(w, prefix);
            }
            if (s.Disaggregation is { } disaggregation)
            {
                DisaggregationJson.Write(w, disaggregation);
            }
            if (info.Options.ExpertParallel > 1)
            {
                Num(w, "ep_imbalance_mean", s.EpImbalanceMean);
                Num(w, "ep_imbalance_max", s.EpImbalanceMax);
                Num(w, "weight_bytes_per_gpu", s.WeightBytesPerGpu);
            }
            w.WriteString("tbt_p99_method", TbtP99Method);
            w.WriteString("energy_note", EnergyNote);
            w.WriteString("overload_note", OverloadNote);
            WriteRun(w, info);
            w.WriteNumber("wall_s", Math.Round(wallS, 3));
            w.WriteEndObject();
        }
        AtomicFile.WriteAsync(path, s2 => s2.WriteAsync(buffer.ToArray()).AsTask()).GetAwaiter().GetResult();
    }

    private static void WriteRun(Utf8JsonWriter w, ReplayRunInfo info)
    {
        Engine.ReplayOptions o = info.Options;
        w.WriteStartObject("run");
        w.WriteString("input_file", info.InputFile);
        w.WriteString("input_sha256", info.InputSha256);
        w.WriteString("input_format", info.InputFormat);
        if (info.Retiming is null)
        {
            w.WriteNull("retiming");
        }
        else
        {
            w.WriteString("retiming", info.Retiming);
        }
        if (info.Workload is not null)
        {
            w.WriteString("workload", info.Workload);
        }
        w.WriteString("model", o.Model);
        w.WriteString("gpu", o.Gpu);
        w.WriteNumber("tp", o.TensorParallel);
        w.WriteNumber("replicas", o.InstanceCount);
        if (o.Disaggregated)
        {
            DisaggregationJson.WriteRun(w, o);
        }
        w.WriteString("router", Engine.RouterPolicies.ToName(o.Router));
        w.WriteString("scheduler", o.Scheduler);
        w.WriteString("cost_model", info.CostModel);
        w.WriteString("cost_model_provenance", info.CostModelProvenance);
        w.WriteString("cost_path", o.CostPath.ToString().ToLowerInvariant());
        w.WriteString("routing", o.Routing);
        if (o.ExpertParallel > 1)
        {
            w.WriteNumber("ep", o.ExpertParallel);
            w.WriteBoolean("dp_attention", o.DpAttention);
        }
        w.WriteNumber("seed", o.Seed);
        w.WriteNumber("gpu_memory_utilization", o.GpuMemoryUtilization);
        w.WriteNumber("block_tokens", o.BlockTokens);
        w.WriteNumber("max_seqs", o.MaxSequences);
        w.WriteNumber("chunk_tokens", o.ChunkTokens);
        w.WriteNumber("max_batched_tokens", o.MaxBatchedTokens);
        w.WriteString("layer_groups", o.LayerGroups > 0 ? o.LayerGroups.ToString(System.Globalization.CultureInfo.InvariantCulture) : "auto");
        w.WriteNumber("layer_group_cap", o.LayerGroupCap);
        w.WriteNumber("cohort_tokens", o.CohortTokens);
        WriteDtype(w, "weight_dtype", o.WeightDtype);
        WriteDtype(w, "expert_weight_dtype", o.ExpertWeightDtype);
        WriteDtype(w, "activation_dtype", o.ActivationDtype);
        WriteDtype(w, "kv_dtype", o.KvDtype);
        w.WriteString("step_overhead", Engine.StepOverhead.For(o) switch
        {
            { Enabled: false } => "none",
            { EnforceEager: true } => "eager",
            var so => FormattableString.Invariant($"cuda graphs for decode-only steps up to {so.CudaGraphMaxBatch} requests"),
        });
        w.WriteNumber("activation_reserve_bytes", o.ActivationReserveBytes);
        w.WriteNumber("kv_blocks_per_instance", info.KvBlocksPerInstance);
        Num(w, "slo_ttft_s", o.SloTtftS ?? double.NaN);
        Num(w, "slo_tbt_s", o.SloTbtS ?? double.NaN);
        w.WriteNumber("static_power_w", info.Energy.StaticPowerW);
        w.WriteNumber("hbm_pj_per_byte", info.Energy.HbmPjPerByte);
        w.WriteNumber("pj_per_flop", info.Energy.PjPerFlop);
        w.WriteString("energy_source", info.Energy.Source);
        w.WriteEndObject();
    }

    /// <summary>Only for requests with block hashes, so summaries of traces without them stay as they were.</summary>
    private static void WritePrefixCache(Utf8JsonWriter w, PrefixCacheSummary p)
    {
        w.WriteString("prefix_caching", p.Enabled ? "on" : "off");
        w.WriteNumber("prefix_hit_tokens", p.HitTokens);
        Num(w, "prefix_hit_rate", p.HitRate);
        w.WriteStartArray("prefix_cache_per_instance");
        foreach (PrefixCacheSummary.Instance i in p.PerInstance)
        {
            w.WriteStartObject();
            w.WriteNumber("instance", i.Index);
            w.WriteNumber("prompt_tokens", i.PromptTokens);
            w.WriteNumber("prefix_hit_tokens", i.HitTokens);
            Num(w, "prefix_hit_rate", i.HitRate);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>A dtype override, or null when the model's own format applies.</summary>
    private static void WriteDtype(Utf8JsonWriter w, string name, Core.Models.DType? d)
    {
        if (d is { } v)
        {
            w.WriteString(name, Core.Models.DTypes.ToName(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Num(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

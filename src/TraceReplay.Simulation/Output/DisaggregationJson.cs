using System.Text.Json;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Simulation.Output;

/// <summary>summary.json's disaggregated-serving keys, written only for a disaggregated replay.</summary>
internal static class DisaggregationJson
{
    public const string TimingNote =
        "TTFT: arrival to the first token, which the prefill instance produces; TPOT and token gaps: decode-side tokens, the first gap including the KV transfer and any wait for decode blocks";

    public static void Write(Utf8JsonWriter w, DisaggregationSummary d)
    {
        w.WriteNumber("kv_transfers", d.Transfers);
        w.WriteNumber("kv_transfer_bytes", d.KvTransferBytes);
        Num(w, "kv_transfer_mean_s", d.KvTransferMeanS);
        Num(w, "kv_transfer_p99_s", d.KvTransferP99S);
        Num(w, "kv_transfer_wait_mean_s", d.KvWaitMeanS);
        w.WriteNumber("kv_bytes_per_token", d.KvBytesPerToken);
        w.WriteStartObject("pools");
        Pool(w, "prefill", d.Prefill);
        Pool(w, "decode", d.Decode);
        w.WriteEndObject();
        w.WriteString("disaggregated_timing", TimingNote);
    }

    public static void WriteRun(Utf8JsonWriter w, ReplayOptions o)
    {
        w.WriteNumber("prefill_replicas", o.PrefillReplicas);
        w.WriteNumber("decode_replicas", o.DecodeReplicas);
        w.WriteNumber("prefill_tp", o.ForPool(prefill: true).TensorParallel);
        w.WriteNumber("decode_tp", o.ForPool(prefill: false).TensorParallel);
        w.WriteNumber("kv_link_gbps", o.KvLinkGbps);
        w.WriteNumber("kv_link_latency_us", o.KvLinkLatencyUs);
        w.WriteString("kv_streaming", o.KvStreaming ? "on" : "off");
    }

    private static void Pool(Utf8JsonWriter w, string name, DisaggregationSummary.Pool p)
    {
        w.WriteStartObject(name);
        w.WriteNumber("instances", p.Instances);
        w.WriteNumber("tp", p.Tp);
        w.WriteNumber("kv_blocks_per_instance", p.KvBlocksPerInstance);
        Num(w, "busy_fraction", p.BusyFraction);
        w.WriteNumber("peak_kv_blocks_used", p.PeakKvBlocksUsed);
        w.WriteEndObject();
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

using System.CommandLine;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Cli.Commands;

/// <summary>Disaggregated prefill/decode options of <c>replay</c> and <c>sweep</c>, and their mapping onto <see cref="ReplayOptions"/>.</summary>
internal sealed class DisaggregationOptions
{
    public Option<int?> PrefillReplicas { get; } = new("--prefill-replicas") { Description = "Disaggregated serving: P prefill instances (each --prefill-tp GPUs) run the prompts and produce the first token; needs --decode-replicas; e.g. --prefill-replicas 2 --decode-replicas 2 instead of --replicas 4" };
    public Option<int?> DecodeReplicas { get; } = new("--decode-replicas") { Description = "Disaggregated serving: D decode instances (each --decode-tp GPUs) receive the prompt's KV and generate the rest" };
    public Option<int?> PrefillTp { get; } = new("--prefill-tp") { Description = "Disaggregated: TP of a prefill instance (default --tp)" };
    public Option<int?> DecodeTp { get; } = new("--decode-tp") { Description = "Disaggregated: TP of a decode instance (default --tp)" };
    public Option<double> KvLinkGbps { get; } = new("--kv-link-gbps") { Description = "Disaggregated: KV link bandwidth per GPU (Gbit/s), shared by the transfers out of one prefill instance; default 400 (one 400 Gb/s RDMA NIC per GPU, prefill and decode on different nodes; NVLink within a node: 3600 on H100/H200)", DefaultValueFactory = _ => 400 };
    public Option<double> KvLinkLatencyUs { get; } = new("--kv-link-latency-us") { Description = "Disaggregated: fixed cost of one KV transfer (µs); default 20 (RDMA round trips and transfer setup)", DefaultValueFactory = _ => 20 };
    public Option<string> KvStreaming { get; } = new("--kv-streaming") { Description = "Disaggregated: on = layer-by-layer KV streaming (layers leave during the last prefill iteration when the decode side has blocks ready); off (default) = the KV moves after the prefill", DefaultValueFactory = _ => "off" };

    public IEnumerable<Option> All => [PrefillReplicas, DecodeReplicas, PrefillTp, DecodeTp, KvLinkGbps, KvLinkLatencyUs, KvStreaming];

    /// <summary><paramref name="o"/> with the pools and link; both pool sizes or neither, never with an explicit <paramref name="replicas"/>.</summary>
    public ReplayOptions Apply(ParseResult p, Option<int> replicas, ReplayOptions o)
    {
        int? pr = p.GetValue(PrefillReplicas), dr = p.GetValue(DecodeReplicas);
        if (pr is null && dr is null)
        {
            return o;
        }
        if (pr is null || dr is null)
        {
            throw new ArgumentException("disaggregated serving needs both --prefill-replicas P and --decode-replicas D");
        }
        if (p.GetResult(replicas) is { Implicit: false })
        {
            throw new ArgumentException("--replicas counts aggregated instances; with --prefill-replicas/--decode-replicas leave it out");
        }
        return o with
        {
            PrefillReplicas = Positive(pr.Value, "--prefill-replicas"),
            DecodeReplicas = Positive(dr.Value, "--decode-replicas"),
            PrefillTp = p.GetValue(PrefillTp) is int ptp ? Positive(ptp, "--prefill-tp") : null,
            DecodeTp = p.GetValue(DecodeTp) is int dtp ? Positive(dtp, "--decode-tp") : null,
            KvLinkGbps = Checked.Positive(p.GetValue(KvLinkGbps), "--kv-link-gbps", "Gbit/s"),
            KvLinkLatencyUs = Checked.NonNegative(p.GetValue(KvLinkLatencyUs), "--kv-link-latency-us", "µs"),
            KvStreaming = ReplayCommandOptions.OnOff(p.GetValue(KvStreaming), "--kv-streaming") ?? false,
        };
    }

    private static int Positive(int v, string name) => v > 0 ? v : throw new ArgumentException($"{name} must be a positive integer, got {v}");
}

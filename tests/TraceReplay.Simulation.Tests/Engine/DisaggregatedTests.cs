using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Engine;

/// <summary>Disaggregated prefill/decode on the first Azure conversation requests, Llama-3.1-8B on H100.</summary>
public sealed class DisaggregatedTests
{
    // Llama-3.1-8B: 2 (K, V) x 8 KV heads x 128 dims x 2 bytes x 32 layers per token.
    private const double LlamaKvBytesPerToken = 2.0 * 8 * 128 * 2 * 32;
    private static readonly List<RequestRecord> s_requests = Replays.Faster(Replays.AzureConv(1500), 4);

    private static ReplayOptions Disaggregated(string scheduler = "vllm-v1") => new()
    {
        Model = "llama-3.1-8b",
        Gpu = "h100",
        Scheduler = scheduler,
        PrefillReplicas = 2,
        DecodeReplicas = 2,
    };

    [Theory]
    [InlineData("vllm-v1", 1)]
    [InlineData("sarathi", 2)]
    public void Every_transferred_byte_is_a_prompts_KV(string scheduler, int prefillTp)
    {
        var sink = new CollectingSink();
        ReplayOptions o = Disaggregated(scheduler) with { PrefillTp = prefillTp };
        var sim = new ReplaySimulation(o, Roofline(o), sink);
        DisaggregationSummary d = sim.Run(s_requests).Disaggregation!;
        List<RequestOutcome> handedOff = [.. sink.Requests.Where(r => r.Completed && r.OutputTokens > 1)];
        Assert.Equal(LlamaKvBytesPerToken, d.KvBytesPerToken); // 8 KV heads split over TP 1 or 2: the same bytes in all
        Assert.Equal(handedOff.Count, d.Transfers);
        Assert.Equal(handedOff.Sum(r => (double)r.PromptTokens) * LlamaKvBytesPerToken, d.KvTransferBytes);
        Assert.All(handedOff, r => Assert.InRange(r.Instance, 2, 3)); // they finish on a decode instance
        Assert.All(sim.Instances, i => Assert.Equal(0, i.Context.Blocks.UsedBlocks));
    }

    [Theory]
    [InlineData("vllm-v1")]
    [InlineData("sarathi")]
    public void With_an_infinitely_fast_link_TTFT_is_the_prefill_instances(string scheduler)
    {
        // The prefill pool alone: the same requests on 2 aggregated instances, each ending at its first token.
        var prefillOnly = new CollectingSink();
        ReplayOptions aggregated = Disaggregated(scheduler) with { PrefillReplicas = 0, DecodeReplicas = 0, Replicas = 2 };
        new ReplaySimulation(aggregated, Roofline(aggregated), prefillOnly).Run(s_requests.Select(r => r with { OutputTokens = 1 }));
        var disaggregated = new CollectingSink();
        ReplayOptions o = Disaggregated(scheduler) with { KvLinkGbps = 1e15, KvLinkLatencyUs = 0 };
        ReplaySummary s = new ReplaySimulation(o, Roofline(o), disaggregated).Run(s_requests);

        Dictionary<long, long> expected = prefillOnly.Requests.ToDictionary(r => r.Id, r => r.FirstTokenNs);
        Assert.Equal(s_requests.Count, disaggregated.Requests.Count);
        Assert.All(disaggregated.Requests, r => Assert.Equal(expected[r.Id], r.FirstTokenNs));
        Assert.Equal(0, s.Disaggregation!.KvTransferMeanS);
    }

    [Fact]
    public void A_transfer_alone_takes_latency_plus_bytes_over_the_link()
    {
        // One request: 2,000 prompt tokens x 131,072 B at 400 Gb/s (50 B/ns) + 20 us.
        ReplayOptions o = Disaggregated();
        ReplaySummary s = new ReplaySimulation(o, Roofline(o)).Run([new RequestRecord(0, 0, 2000, 10)]);
        Assert.Equal((20_000 + Math.Round(2000 * LlamaKvBytesPerToken / 50)) * 1e-9, s.Disaggregation!.KvTransferMeanS, 12);
        Assert.Equal(0, s.Disaggregation.KvWaitMeanS);
    }

    [Fact]
    public void Decode_admission_waits_for_KV_blocks_and_every_request_still_completes()
    {
        // 800 blocks per instance: the decode pool fills up, later transfers wait for blocks to free.
        var sink = new CollectingSink();
        ReplayOptions o = Disaggregated() with { KvBlocksOverride = 800 };
        var sim = new ReplaySimulation(o, Roofline(o), sink);
        ReplaySummary s = sim.Run(s_requests);
        Assert.True(s.Disaggregation!.KvWaitMeanS > 0, "no transfer waited for decode blocks");
        Assert.Equal(s.Requests, s.Completed + s.Rejected);
        Assert.All(sink.Requests.Where(r => r.Completed), r => Assert.Equal(r.OutputTokens, r.GeneratedTokens));
        Assert.All(sim.Instances, i => Assert.Equal(0, i.Context.Blocks.UsedBlocks));
        Assert.InRange(s.Disaggregation.Decode.PeakKvBlocksUsed, 1, 800);
    }

    [Fact]
    public void Layer_by_layer_streaming_hides_part_of_the_transfer()
    {
        ReplayOptions o = Disaggregated();
        double after = new ReplaySimulation(o, Roofline(o)).Run(s_requests).Disaggregation!.KvTransferMeanS;
        double streamed = new ReplaySimulation(o with { KvStreaming = true }, Roofline(o)).Run(s_requests).Disaggregation!.KvTransferMeanS;
        Assert.True(streamed < after, $"streamed {streamed} s, after the prefill {after} s");
        Assert.True(streamed >= 20e-6, "the latency is never hidden");
    }

    private static RooflineCostModel Roofline(ReplayOptions o) => new(GpuCatalog.Resolve(o.Gpu));
}

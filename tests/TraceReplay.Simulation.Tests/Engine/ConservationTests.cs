using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Engine;

/// <summary>Every request ends completed or rejected, and every sampled token is accounted for, under every scheduler.</summary>
public sealed class ConservationTests
{
    public static TheoryData<string> Schedulers => ["static", "vllm", "sarathi", "layered", "decode-first"];

    [Theory]
    [MemberData(nameof(Schedulers))]
    public void Requests_and_tokens_are_conserved_under_memory_pressure(string scheduler)
    {
        // 1200 Azure conv requests at 6x their rate, on a KV cache of 1500 blocks (24k tokens) so blocks run out;
        // plus two requests that can never run.
        List<RequestRecord> requests = Replays.Faster(Replays.AzureConv(1200), 6);
        long last = requests[^1].ArrivalNs;
        requests.Add(new RequestRecord(90_001, last, 30_000, 10)); // 30k tokens > 24k: never fits
        requests.Add(new RequestRecord(90_002, last, 100, 0));
        using var dir = new TempDir();
        ReplayOptions o = Replays.Qwen(scheduler) with { KvBlocksOverride = 1500 };
        ReplaySummary s = Replays.Run(o, requests, dir.Path);

        string req = dir[ReplayOutputSink.RequestsFile], its = dir[ReplayOutputSink.IterationsFile];
        long[] ids = Replays.Column<long>(req, "request_id");
        string[] status = Replays.StringColumn(req, "status");
        Assert.Equal(requests.Count, ids.Length);
        Assert.Equal(requests.Select(r => r.Id).Order(), ids.Order());
        Assert.Equal(requests.Count, s.Completed + s.Rejected);
        Assert.Equal(2, s.Rejected);
        Assert.Equal(1, s.RejectedByReason["exceeds_kv_capacity"]);
        Assert.Equal(1, s.RejectedByReason["no_output_tokens"]);
        Assert.Equal(["rejected", "rejected"], ids.Zip(status).Where(x => x.First > 90_000).Select(x => x.Second));

        int[] output = Replays.Column<int>(req, "output_tokens"), generated = Replays.Column<int>(req, "generated_tokens");
        bool[] completed = [.. status.Select(x => x == "completed")];
        long expected = output.Where((_, i) => completed[i]).Sum(x => (long)x);
        Assert.Equal(expected, Replays.Column<int>(its, "sampled_tokens").Sum(x => (long)x));
        Assert.Equal(expected, s.GeneratedTokens);
        Assert.All(Enumerable.Range(0, ids.Length).Where(i => completed[i]), i => Assert.Equal(output[i], generated[i]));
        Assert.True(Replays.Column<int>(its, "kv_blocks_used").Max() <= 1500);

        long[] arrival = Replays.Column<long>(req, "arrival_ns");
        long?[] first = Replays.NullableColumn<long>(req, "first_token_ns"), finish = Replays.NullableColumn<long>(req, "finish_ns");
        Assert.All(Enumerable.Range(0, ids.Length).Where(i => completed[i]), i => Assert.True(arrival[i] < first[i] && first[i] <= finish[i]));
        if (scheduler is "sarathi" or "vllm" or "layered")
        {
            Assert.True(s.Preemptions > 0, $"{scheduler}: expected the small KV cache to force preemptions");
            Assert.Equal(s.Preemptions, Replays.Column<int>(req, "preemptions").Sum(x => (long)x));
        }
    }
}

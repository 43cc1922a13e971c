using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Tests.Infrastructure;
using TraceReplay.Simulation.Workloads;

namespace TraceReplay.Simulation.Tests.Workloads;

public sealed class ClosedLoopTests
{
    private static readonly ReplayOptions s_options = new() { Model = "llama-3-8b", Gpu = "h200", Scheduler = "vllm-v1", MaxBatchedTokens = 8192, MaxSequences = 1024 };

    private static (ReplaySummary Summary, CollectingSink Sink) Run(ClosedLoopWorkload w, ReplayOptions? options = null)
    {
        ReplayOptions o = options ?? s_options;
        var sink = new CollectingSink();
        var sim = new ReplaySimulation(o, new RooflineCostModel(GpuCatalog.Resolve(o.Gpu)), sink);
        return (sim.Run(new ClosedLoopSource(w)), sink);
    }

    private static ClosedLoopWorkload Bench(int c, int k, int isl = 512, int osl = 64) =>
        new(c, k, isl, osl);

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(32)]
    public void Littles_law_holds_concurrency_equals_throughput_times_mean_latency(int concurrency)
    {
        (ReplaySummary s, _) = Run(Bench(concurrency, 150 * concurrency) with
        {
            InputDistribution = LengthDistribution.Parse("uniform:0.5", "--isl-dist"),
            OutputDistribution = LengthDistribution.Parse("normal:16", "--osl-dist"),
            Seed = 3,
        });
        Assert.Equal(150 * concurrency, s.Completed);
        double inSystem = s.RequestThroughputPerS * s.E2eMeanS;
        Assert.InRange(inSystem / concurrency, 0.99, 1.0 + 1e-9);
    }

    [Fact]
    public void Each_client_sends_its_next_request_when_its_last_one_ends()
    {
        const int c = 4;
        (_, CollectingSink sink) = Run(Bench(c, 40));
        RequestOutcome[] byId = [.. sink.Requests.OrderBy(r => r.Id)];
        Assert.Equal(40, byId.Length);
        Assert.All(byId.Take(c), r => Assert.Equal(0, r.ArrivalNs));
        // Request k >= C arrives when the (k - C)-th request to end ends: the loop never holds more than C requests.
        long[] ends = [.. byId.Select(r => r.FinishNs).Order()];
        for (int k = c; k < byId.Length; k++)
        {
            Assert.Equal(ends[k - c], byId[k].ArrivalNs);
        }
        Assert.All(byId, r => Assert.Equal(64, r.GeneratedTokens)); // ignore_eos: every output runs to OSL
    }

    [Fact]
    public void Tpot_is_e2e_minus_ttft_over_output_tokens_minus_one_and_leaves_out_single_token_outputs()
    {
        var sink = new CollectingSink();
        var sim = new ReplaySimulation(s_options, new RooflineCostModel(GpuCatalog.Resolve("h200")), sink);
        ReplaySummary s = sim.Run([new RequestRecord(0, 0, 300, 1), new RequestRecord(1, 0, 200, 9), new RequestRecord(2, 1_000_000, 100, 17)]);
        RequestOutcome[] multi = [.. sink.Requests.Where(r => r.GeneratedTokens > 1).OrderBy(r => r.Id)];
        double[] tpots = [.. multi.Select(r => (r.E2eNs - r.TtftNs) / (double)(r.GeneratedTokens - 1))];
        Assert.Equal(2, tpots.Length);
        Assert.Equal(tpots.Average() * 1e-9, s.TpotMeanS, 12);
        Assert.Equal(Math.Round(tpots.Max()) * 1e-9, s.TpotP99S, 12); // nearest rank of two values: the larger
        Assert.True(double.IsNaN(sink.Requests.Single(r => r.Id == 0).TpotNs));
        // TPOT is a per-request mean; ITL pools gaps, so the longer request weighs more in itl_mean_s.
        double itl = multi.Sum(r => (double)(r.FinishNs - r.FirstTokenNs)) / multi.Sum(r => r.GeneratedTokens - 1);
        Assert.Equal(itl * 1e-9, s.ItlMeanS, 12);
    }

    [Fact]
    public void Same_seed_gives_the_same_replay_and_another_seed_other_lengths()
    {
        ClosedLoopWorkload w = Bench(8, 64) with { InputDistribution = LengthDistribution.Parse("uniform:0.3", "--isl-dist"), Seed = 11 };
        (_, CollectingSink a) = Run(w);
        (_, CollectingSink b) = Run(w);
        (_, CollectingSink c) = Run(w with { Seed = 12 });
        Assert.Equal(a.Requests, b.Requests);
        Assert.Equal(a.Iterations, b.Iterations);
        Assert.NotEqual(a.Requests.Select(r => r.PromptTokens), c.Requests.Select(r => r.PromptTokens));
        Assert.All(a.Requests, r => Assert.InRange(r.PromptTokens, 358, 666));
    }

    [Theory]
    [InlineData("uniform:1.5")]
    [InlineData("normal:-1")]
    [InlineData("zipf:2")]
    [InlineData("uniform")]
    public void Bad_distributions_are_refused_naming_the_flag(string spec)
    {
        var ex = Assert.Throws<ArgumentException>(() => LengthDistribution.Parse(spec, "--osl-dist"));
        Assert.Contains("--osl-dist", ex.Message);
    }

    [Fact]
    public void A_workload_with_a_non_positive_field_names_its_flag()
    {
        var ex = Assert.Throws<ArgumentException>(() => Bench(0, 10).Validated());
        Assert.Contains("--concurrency", ex.Message);
    }
}

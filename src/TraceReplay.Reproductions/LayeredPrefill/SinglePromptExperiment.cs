using TraceReplay.Core.Cost;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;
using TraceReplay.Core.Requests;
using TraceReplay.Core.Routing;
using TraceReplay.Parquet.Routing;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>
/// One prompt (8192 tokens, one output token) prefilled alone: chunked prefill at each chunk size, and layered
/// prefill (one 8192-token cohort through its layer groups). The engine gives the TTFT and the expert bytes; the MoE
/// time is recomputed here from the same operator graph and cost model, iteration by iteration, as the sum of the
/// router and expert operators of every MoE layer (the engine does not report per-operator time). The dense control
/// is included: it has no MoE time, so its chunk-size effect is everything but expert reloads.
/// </summary>
public static class SinglePromptExperiment
{
    public static IReadOnlyList<SinglePromptRow> Run(LayeredPrefillConfig config, SkewCalibration skew)
    {
        var rows = new List<SinglePromptRow>();
        foreach (ModelSetup setup in config.Models)
        {
            foreach (int chunk in config.SinglePromptChunkTokens)
            {
                rows.Add(RunOne(setup, "sarathi", chunk, config, skew));
            }
            rows.Add(RunOne(setup, "layered", config.SinglePromptTokens, config, skew));
        }
        return rows;
    }

    private static SinglePromptRow RunOne(ModelSetup setup, string scheduler, int chunk, LayeredPrefillConfig config, SkewCalibration skew)
    {
        string routing = skew.SpecFor(setup.Model);
        ReplayOptions options = ReplayFactory.Options(setup, Datasets.ShareGpt, scheduler, routing, config.Seed) with
        {
            ChunkTokens = chunk,
            SloTtftS = null,
            SloTbtS = null,
        };
        ICostModel cost = ReplayFactory.CostModel(config.MaskedPairs, out _);
        var sim = new ReplaySimulation(options, cost);
        ReplaySummary s = sim.Run([new RequestRecord(0, 0, config.SinglePromptTokens, 1)]);
        int groups = scheduler == "layered" ? (int)s.Iterations : 0;
        (double moeUs, double expertBytes) = MoeOfPrefill(sim.Model, routing, config.Seed, cost, config.SinglePromptTokens,
            scheduler == "layered" ? config.SinglePromptTokens : chunk);
        int tp = LayeredPrefillConfig.TensorParallel;
        return new SinglePromptRow(setup.Model, scheduler == "layered" ? "layered" : $"chunk {chunk}",
            scheduler == "layered" ? config.SinglePromptTokens : chunk, (int)s.Iterations, groups,
            s.HbmBytesExpertWeights, expertBytes * tp, s.HbmBytesTotal, moeUs / 1e3, s.TtftMeanS * 1e3);
    }

    /// <summary>
    /// MoE operator time (per GPU) and expert bytes (per GPU) of a prompt prefilled in pieces of <paramref name="piece"/>
    /// tokens. A layered cohort passes each layer once with all its tokens, which is the single-piece case.
    /// </summary>
    internal static (double LatencyUs, double ExpertBytes) MoeOfPrefill(ModelSpec model, string routing, int seed, ICostModel cost,
        int promptTokens, int piece)
    {
        var graph = new OperatorGraph(model, LayeredPrefillConfig.TensorParallel, RoutingModels.Create(routing, model, seed));
        var ops = new List<Operator>();
        double latencyUs = 0, bytes = 0;
        for (int offset = 0; offset < promptTokens; offset += piece)
        {
            int tokens = Math.Min(piece, promptTokens - offset);
            ops.Clear();
            graph.Build(new BatchShape().AddPrefill(tokens, offset, offset + tokens == promptTokens), LayerRange.All(model.NumLayers), false, false, ops);
            ops.RemoveAll(o => o.Kind is not (OpKind.MoeRouter or OpKind.MoeExperts));
            IterationCost c = IterationCost.Sum(cost, ops);
            latencyUs += c.LatencyUs;
            bytes += c.Bytes.ExpertWeightBytes;
        }
        return (latencyUs, bytes);
    }
}

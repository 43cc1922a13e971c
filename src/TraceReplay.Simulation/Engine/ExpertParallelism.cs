using TraceReplay.Core.Models;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// What <c>--ep N --dp-attention</c> means for an instance: N GPUs (TP 1 each), every GPU a data-parallel attention
/// rank (<see cref="DpRank"/>) with its own scheduler, budgets (<c>--max-seqs</c>, <c>--chunk-tokens</c>, ... per rank,
/// as vLLM and SGLang apply them per DP rank), requests and KV cache, and the routed experts sharded N ways (E/N per
/// GPU, by id). Arrivals are dealt to the ranks round-robin (SGLang's default DP dispatch) and stay there; the ranks
/// step together.
/// </summary>
public static class ExpertParallelism
{
    /// <summary>Throws when the options do not describe a layout this replay models.</summary>
    public static void Validate(ReplayOptions o, ModelSpec model)
    {
        if (o.ExpertParallel < 1)
        {
            throw new ArgumentException($"--ep must be a positive integer, got {o.ExpertParallel}");
        }
        if (o.ExpertParallel == 1)
        {
            if (o.DpAttention)
            {
                throw new ArgumentException("--dp-attention needs --ep N > 1 (without expert parallelism, data-parallel attention is --replicas)");
            }
            return;
        }
        if (model.Moe is not { } moe || !model.IsMoe)
        {
            throw new ArgumentException($"--ep {o.ExpertParallel}: {model.Name} is a dense model (no routed experts to shard)");
        }
        if (moe.NumExperts % o.ExpertParallel != 0)
        {
            throw new ArgumentException($"--ep {o.ExpertParallel} must divide {model.Name}'s {moe.NumExperts} routed experts");
        }
        if (!o.DpAttention)
        {
            throw new ArgumentException($"--ep {o.ExpertParallel} needs --dp-attention: expert parallelism is modelled with data-parallel attention (each GPU its own requests); attention TP-sharded across the EP group is not modelled");
        }
        if (o.TensorParallel != 1)
        {
            throw new ArgumentException($"--ep {o.ExpertParallel} with --tp {o.TensorParallel}: each EP rank is one GPU (TP 1) with data-parallel attention; use --tp 1");
        }
        if (o.Disaggregated)
        {
            throw new ArgumentException($"--ep {o.ExpertParallel} with --prefill-replicas/--decode-replicas: disaggregated pools of expert-parallel groups are not modelled; use one or the other");
        }
        if (o.Router == RouterPolicy.PrefixAware)
        {
            throw new ArgumentException($"--ep {o.ExpertParallel} with --router prefix-aware: requests are dispatched round-robin over an EP group's ranks, so routing by one rank's cache is not modelled; use least-outstanding or round-robin");
        }
    }

    /// <summary>GPUs of one instance: TP x EP.</summary>
    public static int GpusPerInstance(ReplayOptions o) => o.TensorParallel * o.ExpertParallel;

    /// <summary>Weight bytes on one GPU: dense weights over TP, routed experts over TP x EP.</summary>
    public static double WeightBytesPerGpu(ModelSpec model, ReplayOptions o)
    {
        if (o.ExpertParallel == 1)
        {
            return model.WeightBytes / o.TensorParallel;
        }
        double routed = model.Parameters.RoutedExperts * model.ExpertWeightBytesPerParam;
        return (model.WeightBytes - routed) / o.TensorParallel + routed / (o.TensorParallel * o.ExpertParallel);
    }
}

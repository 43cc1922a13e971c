using TraceReplay.Core.Models;
using TraceReplay.Simulation.Cost;

namespace TraceReplay.Simulation.Engine;

/// <summary>Everything that defines a replay besides the requests and the cost model. Defaults follow vLLM.</summary>
public sealed record ReplayOptions
{
    public required string Model { get; init; }
    public required string Gpu { get; init; }
    public int TensorParallel { get; init; } = 1;
    public int Replicas { get; init; } = 1;
    public RouterPolicy Router { get; init; } = RouterPolicy.LeastOutstanding;
    public string Scheduler { get; init; } = "sarathi";
    public double GpuMemoryUtilization { get; init; } = 0.9;
    public int BlockTokens { get; init; } = 16;
    public int MaxSequences { get; init; } = 256;
    /// <summary>sarathi's per-iteration budget (decodes count one token each).</summary>
    public int ChunkTokens { get; init; } = 512;
    /// <summary>vllm's prefill packing limit and decode-first's token budget.</summary>
    public int MaxBatchedTokens { get; init; } = 8192;
    /// <summary>Layered prefill: 0 = auto (authors' table), else a fixed group count.</summary>
    public int LayerGroups { get; init; }
    public int LayerGroupCap { get; init; } = 16;
    public int CohortTokens { get; init; } = 8192;
    /// <summary>Per-GPU memory kept for activations, CUDA graphs, NCCL buffers (vLLM measures it by profiling).</summary>
    public double ActivationReserveBytes { get; init; } = 2.0 * (1L << 30);
    /// <summary>Fixes the KV blocks per instance instead of deriving them from memory (tests, what-if studies).</summary>
    public int? KvBlocksOverride { get; init; }
    /// <summary>Prefix caching (<c>--prefix-caching on|off</c>); null = the scheduler's default (on where it supports it).</summary>
    public bool? PrefixCaching { get; init; }
    /// <summary>Disaggregated serving: the prompt pool's instances (<c>--prefill-replicas</c>); 0 = aggregated (<see cref="Replicas"/>).</summary>
    public int PrefillReplicas { get; init; }
    /// <summary>Disaggregated serving: the decode pool's instances (<c>--decode-replicas</c>).</summary>
    public int DecodeReplicas { get; init; }
    /// <summary>TP of a prefill instance (<c>--prefill-tp</c>); null = <see cref="TensorParallel"/>.</summary>
    public int? PrefillTp { get; init; }
    /// <summary>TP of a decode instance (<c>--decode-tp</c>); null = <see cref="TensorParallel"/>.</summary>
    public int? DecodeTp { get; init; }
    /// <summary>KV link bandwidth per GPU, Gbit/s (<c>--kv-link-gbps</c>); default one 400 Gb/s RDMA NIC per GPU.</summary>
    public double KvLinkGbps { get; init; } = 400;
    /// <summary>Fixed cost of one KV transfer, µs (<c>--kv-link-latency-us</c>).</summary>
    public double KvLinkLatencyUs { get; init; } = 20;
    /// <summary>Layer-by-layer KV streaming (<c>--kv-streaming on</c>): layers leave while later layers still prefill.</summary>
    public bool KvStreaming { get; init; }
    public double? SloTtftS { get; init; }
    public double? SloTbtS { get; init; }
    public string Routing { get; init; } = "uniform";
    /// <summary>Expert parallelism: GPUs per instance the routed experts are sharded over (1 = none; see <see cref="ExpertParallelism"/>).</summary>
    public int ExpertParallel { get; init; } = 1;
    /// <summary>Data-parallel attention across the EP group (required with <see cref="ExpertParallel"/> &gt; 1).</summary>
    public bool DpAttention { get; init; }
    public int Seed { get; init; }
    public CostPath CostPath { get; init; } = CostPath.Vectorized;
    public double? StaticPowerW { get; init; }
    public double? HbmPjPerByte { get; init; }
    public double? PjPerFlop { get; init; }
    /// <summary>vllm-v1: every step eager (vLLM <c>--enforce-eager</c>) instead of CUDA-graph decode; see <see cref="StepOverhead"/>.</summary>
    public bool EnforceEager { get; init; }
    /// <summary>vllm-v1: largest decode batch replayed from a CUDA graph (vLLM's default: min(2 x max_num_seqs, 512, max_num_batched_tokens)).</summary>
    public int CudaGraphMaxBatch { get; init; } = 512;
    /// <summary>Overrides the model's dense-weight format (<c>--weight-dtype</c>); null keeps the config's quantization_config.</summary>
    public DType? WeightDtype { get; init; }
    /// <summary>Overrides the routed experts' weight format (<c>--weight-dtype</c> sets both; validate maps moe_quant_mode here).</summary>
    public DType? ExpertWeightDtype { get; init; }
    /// <summary>Overrides the activation format between kernels (<c>--activation-dtype</c>).</summary>
    public DType? ActivationDtype { get; init; }
    /// <summary>Overrides the KV-cache format (<c>--kv-dtype</c>).</summary>
    public DType? KvDtype { get; init; }

    public bool Disaggregated => PrefillReplicas > 0;

    /// <summary>Instances in all: <see cref="Replicas"/>, or prefill + decode when disaggregated.</summary>
    public int InstanceCount => Disaggregated ? PrefillReplicas + DecodeReplicas : Replicas;

    /// <summary>The options one pool's instances run with (its TP); the options themselves when aggregated.</summary>
    public ReplayOptions ForPool(bool prefill) => !Disaggregated ? this
        : this with { TensorParallel = (prefill ? PrefillTp : DecodeTp) ?? TensorParallel, Replicas = prefill ? PrefillReplicas : DecodeReplicas };

    /// <summary>The model as this replay serves it: <paramref name="model"/> with any dtype overrides applied.</summary>
    public ModelSpec ServedModel(ModelSpec model) => model with
    {
        WeightDtype = WeightDtype ?? model.WeightDtype,
        ExpertWeightDtype = ExpertWeightDtype ?? model.ExpertWeightDtype,
        ActivationDtype = ActivationDtype ?? model.ActivationDtype,
        KvDtype = KvDtype ?? model.KvDtype,
    };
}

using System.CommandLine;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Simulation.Cost;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Scheduling;
using TraceReplay.Simulation.Workloads;

namespace TraceReplay.Cli.Commands;

/// <summary>The options of <c>tracereplay replay</c> and their mapping onto <see cref="ReplayOptions"/>.</summary>
internal sealed class ReplayCommandOptions
{
    public Option<string?> Requests { get; } = new("--requests") { Description = "Request log: canonical request Parquet, CSV with arrival_s,prompt_tokens,output_tokens, or an Azure LLM trace CSV (or, instead, a closed-loop benchmark: --concurrency with --isl, --osl, --num-requests)" };
    public Option<int?> Concurrency { get; } = new("--concurrency") { Description = "Closed-loop benchmark (vllm bench serve --max-concurrency, genai-perf --concurrency): C clients, each sending its next request when its last completes" };
    public Option<int?> Isl { get; } = new("--isl") { Description = "Closed loop: prompt tokens per request (tokens)" };
    public Option<int?> Osl { get; } = new("--osl") { Description = "Closed loop: output tokens per request, always generated in full as with ignore_eos (tokens)" };
    public Option<int?> NumRequests { get; } = new("--num-requests") { Description = "Closed loop: requests in all (vllm bench serve --num-prompts)" };
    public Option<string> IslDist { get; } = new("--isl-dist") { Description = "Closed loop: prompt lengths around --isl: fixed | uniform:R (uniform in N(1-R)..N(1+R), vLLM's --random-range-ratio) | normal:SD (SD tokens, genai-perf's stddev); seeded by --seed", DefaultValueFactory = _ => "fixed" };
    public Option<string> OslDist { get; } = new("--osl-dist") { Description = "Closed loop: output lengths around --osl, same syntax as --isl-dist", DefaultValueFactory = _ => "fixed" };
    public Option<string?> WeightDtype { get; } = new("--weight-dtype") { Description = "Weight format of every linear layer and expert, overriding the config's quantization_config: " + DTypes.Names };
    public Option<string?> ActivationDtype { get; } = new("--activation-dtype") { Description = "Activation format between kernels (default bf16, as vLLM): " + DTypes.Names };
    public Option<string?> KvDtype { get; } = new("--kv-dtype") { Description = "KV-cache format (default bf16; vLLM --kv-cache-dtype fp8 is fp8): " + DTypes.Names };
    public Option<bool> EnforceEager { get; } = new("--enforce-eager") { Description = "vllm-v1: run every step eagerly (vLLM --enforce-eager) instead of replaying decode-only steps from CUDA graphs" };
    public Option<string> Model { get; } = CommonOptions.Model();
    public Option<string> Gpu { get; } = CommonOptions.Gpu();
    public Option<int> Tp { get; } = CommonOptions.Tp();
    public Option<int> Replicas { get; } = new("--replicas") { Description = "Serving instances behind the router (each with --tp GPUs)", DefaultValueFactory = _ => 1 };
    public Option<string> Router { get; } = new("--router") { Description = "Request router over replicas: " + RouterPolicies.Names + " (prefix-aware: the instance caching the longest prefix of the request's block hashes, fewest outstanding as tiebreak; e.g. --replicas 4 --router prefix-aware)", DefaultValueFactory = _ => "least-outstanding" };
    public Option<string> PrefixCaching { get; } = new("--prefix-caching") { Description = "Prefix caching of requests with block hashes (Mooncake hash_ids): on | off | auto (on for vllm, vllm-v1, sarathi, decode-first, as vLLM enables it by default); e.g. --requests mooncake.jsonl --prefix-caching off", DefaultValueFactory = _ => "auto" };
    /// <summary>--prefill-replicas, --decode-replicas and the KV link (shared with sweep).</summary>
    public DisaggregationOptions Disaggregation { get; } = new();
    public Option<string> Scheduler { get; } = new("--scheduler") { Description = "Scheduler(s), comma-separated: static, vllm, vllm-v1, sarathi, layered, decode-first", Required = true };
    public Option<int> ChunkTokens { get; } = new("--chunk-tokens") { Description = "sarathi: token budget per iteration, decodes counted one each (tokens)", DefaultValueFactory = _ => 512 };
    public Option<int?> MaxBatchedTokens { get; } = new("--max-batched-tokens") { Description = "vllm/static: prompt tokens packed per prefill iteration; decode-first, vllm-v1: token budget per iteration (tokens; default 8192, vllm-v1: vLLM's default for the GPU, 8192 on H100/H200/B200, 2048 on A100)" };
    public Option<string> LayerGroups { get; } = new("--layer-groups") { Description = "layered: G = auto (from the cohort's tokens: <=512:1, <=1024:2, <=2048:4, <=4096:8, else the cap) or a fixed N", DefaultValueFactory = _ => "auto" };
    public Option<int> LayerGroupCap { get; } = new("--layer-group-cap") { Description = "layered: largest G for auto (the paper uses 16 for 48-layer Qwen3-30B-A3B, 12 for GPT-OSS-20B)", DefaultValueFactory = _ => 16 };
    public Option<int> CohortTokens { get; } = new("--cohort-tokens") { Description = "layered: prompt-token budget of a cohort; longer prompts are chunked at it (tokens)", DefaultValueFactory = _ => 8192 };
    public Option<int?> MaxSeqs { get; } = new("--max-seqs") { Description = "Maximum running sequences per instance (default 256; vllm-v1: vLLM's default for the GPU, 1024 on H100/H200/B200, 256 on A100)" };
    public Option<int> BlockSize { get; } = new("--block-size") { Description = "KV-cache block size (tokens)", DefaultValueFactory = _ => 16 };
    public Option<double> GpuMemoryUtilization { get; } = new("--gpu-memory-utilization") { Description = "Fraction of GPU memory for weights + KV + reserve", DefaultValueFactory = _ => 0.9 };
    public Option<double> ActivationReserveGib { get; } = new("--activation-reserve-gib") { Description = "Per-GPU memory kept for activations, CUDA graphs and NCCL (GiB)", DefaultValueFactory = _ => 2.0 };
    public Option<int?> KvBlocks { get; } = new("--kv-blocks") { Description = "Fix the KV blocks per instance instead of deriving them from GPU memory (what-if)" };
    public Option<double?> SloTtftS { get; } = new("--slo-ttft-s") { Description = "SLO: time to first token limit (s)" };
    public Option<double?> SloTbtS { get; } = new("--slo-tbt-s") { Description = "SLO: limit on every gap between tokens (s)" };
    public Option<string> Routing { get; } = new("--routing") { Description = "MoE routing: uniform | zipf:S | hot:H:SHARE (seeded) | recorded:FILE (expert loads recorded from a real run: Parquet step, layer, expert, tokens; docs/moe.md)", DefaultValueFactory = _ => "uniform" };
    public Option<int> Ep { get; } = CommonOptions.Ep();
    public Option<bool> DpAttention { get; } = CommonOptions.DpAttention();
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed for routing skew and re-timed arrivals", DefaultValueFactory = _ => 0 };
    public Option<double?> Rate { get; } = new("--rate") { Description = "Re-time the requests at this rate (requests/s)" };
    public Option<string> Arrival { get; } = new("--arrival") { Description = "Arrival process with --rate: poisson | gamma:CV", DefaultValueFactory = _ => "poisson" };
    public Option<string> CostModel { get; } = new("--cost-model") { Description = "Cost model: calibrated (shipped calibration for the GPU; h200/b200 derived from h100; roofline where none) | calibrated-skip-masked (what-if: the same, prefill attention as an ideal causal kernel that skips masked tiles) | roofline (uncalibrated datasheet roofline)", DefaultValueFactory = _ => "calibrated" };
    public Option<string?> Calibration { get; } = CommonOptions.CalibrationPath();
    public Option<string> CostPath { get; } = new("--cost-path") { Description = "Iteration cost evaluation: vectorized | scalar (identical results) | reference (per operator, slow)", DefaultValueFactory = _ => "vectorized" };
    public Option<double?> StaticPowerW { get; } = new("--static-power-w") { Description = "Energy: static power per GPU (W); default from the GPU catalogue" };
    public Option<double?> HbmPjPerByte { get; } = new("--hbm-pj-per-byte") { Description = "Energy: HBM energy (pJ/byte); default from the GPU catalogue" };
    public Option<double?> PjPerFlop { get; } = new("--pj-per-flop") { Description = "Energy: compute energy (pJ/FLOP); default from the GPU catalogue" };
    public Option<string> Output { get; } = new("--output", "-o") { Description = "Output folder", Required = true };

    /// <summary>Every option of <c>replay</c>: the workload, the swept knobs, then the serving system (<see cref="Serving"/>).</summary>
    public IEnumerable<Option> All =>
    [
        Requests, Concurrency, Isl, Osl, NumRequests, IslDist, OslDist, Scheduler, ChunkTokens, LayerGroups, Ep, SloTtftS, SloTbtS, Rate, .. Serving, Output,
    ];

    /// <summary>
    /// The options that describe the serving system (hardware, parallelism, limits, formats, cost model), not the
    /// workload or the swept knobs: <c>sweep</c> takes these too, under the same names.
    /// </summary>
    public IEnumerable<Option> Serving =>
    [
        Model, Gpu, Tp, Replicas, Router, PrefixCaching, .. Disaggregation.All, MaxBatchedTokens, LayerGroupCap, CohortTokens, MaxSeqs, BlockSize, GpuMemoryUtilization, ActivationReserveGib,
        KvBlocks, Routing, DpAttention, Seed, Arrival, CostModel, Calibration, CostPath, StaticPowerW, HbmPjPerByte, PjPerFlop, WeightDtype, ActivationDtype, KvDtype, EnforceEager,
    ];

    public ReplayOptions ToReplayOptions(ParseResult p, string scheduler)
    {
        string groups = p.GetValue(LayerGroups)!.Trim().ToLowerInvariant();
        int g = groups == "auto" ? 0 : int.TryParse(groups, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) && n > 0
            ? n : throw new ArgumentException($"--layer-groups '{groups}': expected auto or a positive integer");
        return ToServingOptions(p, scheduler) with
        {
            ChunkTokens = Positive(p.GetValue(ChunkTokens), "--chunk-tokens"),
            LayerGroups = g,
            SloTtftS = Checked.Positive(p.GetValue(SloTtftS), "--slo-ttft-s", "s"),
            SloTbtS = Checked.Positive(p.GetValue(SloTbtS), "--slo-tbt-s", "s"),
            ExpertParallel = Positive(p.GetValue(Ep), "--ep"), // sweep has its own --ep: a list of degrees
        };
    }

    /// <summary>The replay options set by <see cref="Serving"/> alone (the rest at their defaults); for <c>sweep</c>.</summary>
    public ReplayOptions ToServingOptions(ParseResult p, string scheduler)
    {
        bool v1 = scheduler.Trim().Equals("vllm-v1", StringComparison.OrdinalIgnoreCase);
        GpuSpec gpu = GpuCatalog.Resolve(p.GetValue(Gpu)!);
        int maxSeqs = Positive(p.GetValue(MaxSeqs) ?? (v1 ? VllmDefaults.MaxSeqs(gpu) : 256), "--max-seqs");
        int maxBatched = Positive(p.GetValue(MaxBatchedTokens) ?? (v1 ? VllmDefaults.MaxBatchedTokens(gpu) : 8192), "--max-batched-tokens");
        return Disaggregation.Apply(p, Replicas, new ReplayOptions
        {
            Model = p.GetValue(Model)!,
            Gpu = p.GetValue(Gpu)!,
            TensorParallel = Positive(p.GetValue(Tp), "--tp"),
            Replicas = Positive(p.GetValue(Replicas), "--replicas"),
            Router = RouterPolicies.Parse(p.GetValue(Router)!),
            PrefixCaching = OnOff(p.GetValue(PrefixCaching), "--prefix-caching"),
            Scheduler = scheduler.ToLowerInvariant(),
            MaxBatchedTokens = maxBatched,
            LayerGroupCap = Positive(p.GetValue(LayerGroupCap), "--layer-group-cap"),
            CohortTokens = Positive(p.GetValue(CohortTokens), "--cohort-tokens"),
            MaxSequences = maxSeqs,
            EnforceEager = p.GetValue(EnforceEager),
            WeightDtype = Dtype(p.GetValue(WeightDtype), "--weight-dtype"),
            ExpertWeightDtype = Dtype(p.GetValue(WeightDtype), "--weight-dtype"),
            ActivationDtype = Dtype(p.GetValue(ActivationDtype), "--activation-dtype"),
            KvDtype = Dtype(p.GetValue(KvDtype), "--kv-dtype"),
            CudaGraphMaxBatch = VllmDefaults.CudaGraphMaxBatch(maxSeqs, maxBatched),
            BlockTokens = Positive(p.GetValue(BlockSize), "--block-size"),
            GpuMemoryUtilization = p.GetValue(GpuMemoryUtilization) is > 0 and <= 1 and double u ? u : throw new ArgumentException("--gpu-memory-utilization must be in (0, 1]"),
            ActivationReserveBytes = Checked.NonNegative(p.GetValue(ActivationReserveGib), "--activation-reserve-gib", "GiB") * (1L << 30),
            KvBlocksOverride = p.GetValue(KvBlocks) is int kb ? Positive(kb, "--kv-blocks") : null,
            Routing = p.GetValue(Routing)!,
            DpAttention = p.GetValue(DpAttention),
            Seed = p.GetValue(Seed),
            CostPath = Enum.TryParse(p.GetValue(CostPath), ignoreCase: true, out CostPath cp) ? cp : throw new ArgumentException($"--cost-path '{p.GetValue(CostPath)}': expected vectorized, scalar or reference"),
            StaticPowerW = Checked.NonNegative(p.GetValue(StaticPowerW), "--static-power-w", "W"),
            HbmPjPerByte = Checked.NonNegative(p.GetValue(HbmPjPerByte), "--hbm-pj-per-byte", "pJ/byte"),
            PjPerFlop = Checked.NonNegative(p.GetValue(PjPerFlop), "--pj-per-flop", "pJ/FLOP"),
        });
    }

    /// <summary>The closed-loop benchmark the options describe, or null for a request log; exactly one of the two.</summary>
    public ClosedLoopWorkload? ToWorkload(ParseResult p)
    {
        bool log = p.GetValue(Requests) is not null;
        int? c = p.GetValue(Concurrency);
        if (log == c.HasValue)
        {
            throw new ArgumentException("give either --requests FILE or a closed-loop benchmark (--concurrency C --isl N --osl M --num-requests K), not both or neither");
        }
        if (log)
        {
            return null;
        }
        // Named arguments run in the order written: the missing flags are reported in this order.
        return new ClosedLoopWorkload(
            Concurrency: c!.Value,
            InputTokens: p.GetValue(Isl) ?? throw new ArgumentException("--concurrency needs --isl N (prompt tokens per request)"),
            OutputTokens: p.GetValue(Osl) ?? throw new ArgumentException("--concurrency needs --osl M (output tokens per request)"),
            NumRequests: p.GetValue(NumRequests) ?? throw new ArgumentException("--concurrency needs --num-requests K"))
        {
            InputDistribution = LengthDistribution.Parse(p.GetValue(IslDist), "--isl-dist"),
            OutputDistribution = LengthDistribution.Parse(p.GetValue(OslDist), "--osl-dist"),
            Seed = p.GetValue(Seed),
        }.Validated();
    }

    /// <summary>on | off | auto (null: the scheduler's default).</summary>
    internal static bool? OnOff(string? text, string flag) => text?.Trim().ToLowerInvariant() switch
    {
        null or "auto" => null,
        "on" => true,
        "off" => false,
        string v => throw new ArgumentException($"{flag} '{v}': expected on, off or auto"),
    };

    private static DType? Dtype(string? text, string flag) => text is null ? null : DTypes.Parse(text, flag);

    private static int Positive(int v, string name) => v > 0 ? v : throw new ArgumentException($"{name} must be a positive integer, got {v}");
}

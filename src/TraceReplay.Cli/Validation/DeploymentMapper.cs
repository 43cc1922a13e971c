using System.Collections.Concurrent;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Scheduling;
using TraceReplay.Simulation.Workloads;

namespace TraceReplay.Cli.Validation;

/// <summary>
/// Turns a measured point into a replay: the model by Hugging Face id (from <c>--models DIR</c> or the catalogue),
/// the GPU by the data's system name, tensor parallelism as TP, the workload as the closed-loop benchmark. What the
/// replay engine does not model (pipeline, attention-data and expert parallelism, expert TP unlike attention TP)
/// becomes a note instead, so the row is counted as not expressed rather than replayed wrongly.
/// </summary>
public sealed class DeploymentMapper(ValidationSettings settings)
{
    /// <summary>The measured files' system names and the catalogue GPU each runs as.</summary>
    public static readonly IReadOnlyDictionary<string, string> Gpus = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["h200_sxm"] = "h200",
        ["b200_sxm"] = "b200",
        ["h100_sxm"] = "h100",
        ["a100_sxm"] = "a100",
    };

    /// <summary>GPUs with FP4 tensor cores (Blackwell, NVIDIA B200 datasheet). Hopper has none: vLLM serves FP4 weights
    /// there weight-only (Marlin, 4-bit float weights dequantized to bf16), which is the mxfp4 format here.</summary>
    public static readonly IReadOnlySet<string> Fp4TensorCoreGpus = new HashSet<string>(StringComparer.Ordinal) { "b200" };

    private readonly ConcurrentDictionary<string, (string? Model, ModelSpec? Spec, string? Note)> _models = new(StringComparer.Ordinal);

    public ValidationCase Map(MeasuredPoint p)
    {
        if (p.Note is not null)
        {
            return new ValidationCase(p, null, null, p.Note);
        }
        string? gpuName = Gpus.TryGetValue(p.Gpu, out string? g) ? g : null;
        if (gpuName is null)
        {
            return new ValidationCase(p, null, null, $"unknown system '{p.Gpu}'; expected one of {string.Join(", ", Gpus.Keys)}");
        }
        (string? model, ModelSpec? spec, string? modelNote) = _models.GetOrAdd(p.Model, ResolveModel);
        string? note = modelNote ?? Parallelism(p, spec!);
        DType? weights = null, experts = null;
        note ??= Quant(p.GemmQuant, spec!.WeightDtype, gpuName, "gemm_quant_mode", out weights) ?? Quant(p.MoeQuant, spec.ExpertWeightDtype, gpuName, "moe_quant_mode", out experts);
        if (note is not null)
        {
            return new ValidationCase(p, null, null, note);
        }
        GpuSpec gpu = GpuCatalog.Resolve(gpuName);
        int maxSeqs = Math.Max(VllmDefaults.MaxSeqs(gpu), p.Concurrency);
        int maxBatched = VllmDefaults.MaxBatchedTokens(gpu);
        var options = new ReplayOptions
        {
            Model = model!,
            Gpu = gpuName,
            TensorParallel = p.Tp,
            Scheduler = settings.Scheduler,
            MaxSequences = maxSeqs,
            MaxBatchedTokens = maxBatched,
            EnforceEager = settings.EnforceEager,
            CudaGraphMaxBatch = VllmDefaults.CudaGraphMaxBatch(maxSeqs, maxBatched),
            Seed = settings.Seed,
            WeightDtype = weights,
            ExpertWeightDtype = spec!.IsMoe ? experts : null,
        };
        var workload = new ClosedLoopWorkload(p.Concurrency, p.NumRequests ?? settings.RequestsPerClient * p.Concurrency, p.Isl, p.Osl)
        {
            Seed = settings.Seed,
        };
        return new ValidationCase(p, options, workload, null);
    }

    /// <summary>
    /// The weight format a quant-mode column asks for: empty keeps the checkpoint's; fp8 keeps an FP8 checkpoint's
    /// scaling (block or per-tensor) and is per-tensor FP8 otherwise (vLLM's <c>--quantization fp8</c>); nvfp4 is NVFP4
    /// on GPUs with FP4 tensor cores and weight-only 4-bit float (mxfp4) elsewhere; int4_wo and mxfp4 as named.
    /// </summary>
    private static string? Quant(string mode, DType checkpoint, string gpu, string column, out DType? dtype)
    {
        dtype = mode switch
        {
            "" => null,
            "fp8" or "fp8_block" => checkpoint is DType.Fp8 or DType.Fp8Block ? checkpoint : mode == "fp8" ? DType.Fp8 : DType.Fp8Block,
            "nvfp4" => Fp4TensorCoreGpus.Contains(gpu) ? DType.Nvfp4 : DType.Mxfp4,
            _ => DTypes.TryParse(mode, out DType d) ? d : null,
        };
        return mode.Length > 0 && dtype is null ? $"unknown {column} '{mode}'; expected one of {DTypes.Names}" : null;
    }

    private static string? Parallelism(MeasuredPoint p, ModelSpec spec)
    {
        if (p.Pp > 1)
        {
            return $"unmodelled parallelism: pipeline parallel pp {p.Pp}";
        }
        if (p.AttentionDp > 1)
        {
            return $"unmodelled parallelism: attention data parallel dp {p.AttentionDp}";
        }
        if (spec.IsMoe && p.MoeEp > 1)
        {
            return $"unmodelled parallelism: expert parallel ep {p.MoeEp}";
        }
        if (spec.IsMoe && p.MoeTp != p.Tp)
        {
            return $"unmodelled parallelism: expert tp {p.MoeTp} differs from attention tp {p.Tp}";
        }
        return null;
    }

    private (string? Model, ModelSpec? Spec, string? Note) ResolveModel(string hfId)
    {
        try
        {
            if (settings.ModelsDir is { } dir)
            {
                string config = Path.Combine([dir, .. hfId.Split('/'), "config.json"]);
                if (File.Exists(config))
                {
                    return (config, HfConfigLoader.LoadFile(config), null);
                }
            }
            ModelSpec spec = ModelCatalog.Resolve(hfId);
            return (spec.Name, spec, null);
        }
        catch (KeyNotFoundException)
        {
            return (null, null, $"unknown model '{hfId}': not in the catalogue{(settings.ModelsDir is null ? "" : " nor under --models")}; pass --models DIR holding DIR/{hfId}/config.json");
        }
        catch (InvalidDataException ex)
        {
            return (null, null, $"model '{hfId}' config unreadable: {ex.Message}");
        }
    }
}

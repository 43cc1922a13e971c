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
        };
        var workload = new ClosedLoopWorkload
        {
            Concurrency = p.Concurrency,
            NumRequests = p.NumRequests ?? settings.RequestsPerClient * p.Concurrency,
            InputTokens = p.Isl,
            OutputTokens = p.Osl,
            Seed = settings.Seed,
        };
        return new ValidationCase(p, options, workload, null);
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

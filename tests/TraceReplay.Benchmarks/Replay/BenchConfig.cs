using TraceReplay.Calibration.Model;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Benchmarks.Replay;

/// <summary>
/// The replay configurations the issue names, by a short key usable as a BenchmarkDotNet parameter and on the
/// <c>measure</c> command line. <c>codellama-34b-a100-tp2</c> is the configuration of the quoted Vidur run.
/// </summary>
public static class BenchConfig
{
    public static readonly string[] Names = ["llama3-8b-h100-sarathi", "codellama-34b-a100-tp2-sarathi", "qwen3-30b-a3b-2xh100-layered"];

    public static ReplayOptions Options(string name) => name switch
    {
        "llama3-8b-h100-sarathi" => new ReplayOptions { Model = "llama-3-8b", Gpu = "h100", TensorParallel = 1, Scheduler = "sarathi" },
        "codellama-34b-a100-tp2-sarathi" => new ReplayOptions { Model = "codellama-34b", Gpu = "a100", TensorParallel = 2, Scheduler = "sarathi", ChunkTokens = 512 },
        "qwen3-30b-a3b-2xh100-layered" => new ReplayOptions { Model = "qwen3-30b-a3b", Gpu = "h100", TensorParallel = 2, Scheduler = "layered" },
        _ => throw new ArgumentException($"unknown benchmark configuration '{name}': expected one of {string.Join(", ", Names)}"),
    };

    /// <summary>The cost model a user gets for <c>--cost-model calibrated|roofline</c> (calibrated is the CLI default).</summary>
    public static ICostModel CostModel(string kind, string gpu) => CostModelFactory.Create(kind, GpuCatalog.Resolve(gpu), out _);
}

using System.CommandLine;
using TraceReplay.Calibration.Model;

namespace TraceReplay.Cli.Commands;

/// <summary>Options several commands share, so their names and help read the same everywhere.</summary>
public static class CommonOptions
{
    public static Option<string> Model(bool required = true) => new("--model", "-m")
    {
        Description = "Model: catalogue name or Hugging Face id (case-insensitive, e.g. qwen3-30b-a3b, Qwen/Qwen3-30B-A3B), or a path to a config.json",
        Required = required,
    };

    public static Option<string> Gpu(bool required = true) => new("--gpu", "-g")
    {
        Description = "GPU: a100, h100, h100-pcie, h200, b200, a40 (case-insensitive), or a path to a GPU JSON file",
        Required = required,
    };

    public static Option<int> Ep() => new("--ep")
    {
        Description = "Expert parallelism: routed experts sharded over N GPUs per instance, tokens dispatched and combined by all-to-all (needs --dp-attention and --tp 1; N must divide the expert count; docs/moe.md), e.g. --ep 8 --dp-attention",
        DefaultValueFactory = _ => 1,
    };

    public static Option<bool> DpAttention() => new("--dp-attention")
    {
        Description = "Data-parallel attention across the --ep group: each GPU is a rank with its own scheduler, budgets (--max-seqs, --chunk-tokens per rank) and KV cache, arrivals dealt round-robin; the ranks step together and wait for the slowest",
    };

    public static Option<int> Tp() => new("--tp")
    {
        Description = "Tensor-parallel degree (GPUs per instance)",
        DefaultValueFactory = _ => 1,
    };

    /// <summary><c>--masked-pairs as-profiled|skipped</c> (default as-profiled); read it with <see cref="MaskedPairsOf"/>.</summary>
    public static Option<string> MaskedPairs(string description)
    {
        var option = new Option<string>("--masked-pairs") { Description = description, DefaultValueFactory = _ => "as-profiled" };
        option.AcceptOnlyFromAmong("as-profiled", "skipped");
        return option;
    }

    public static MaskedPairs MaskedPairsOf(string value) => value == "skipped" ? Calibration.Model.MaskedPairs.Skipped : Calibration.Model.MaskedPairs.AsProfiled;

    /// <summary><c>--calibration</c> of replay and sweep: a folder or calibration.json written by <c>calibrate</c>.</summary>
    public static Option<string?> CalibrationPath() => new("--calibration")
    {
        Description = "With --cost-model calibrated: a folder (or calibration.json) written by `tracereplay calibrate`, instead of the shipped calibration for the GPU",
    };

    /// <summary>A short content tag of a calibration given by path (folder or file): its calibration.json's SHA-256, 12 hex
    /// digits; for a GPU name, "embedded NAME".</summary>
    public static string CalibrationTag(string path)
    {
        _ = CalibrationStore.Load(path); // a missing or malformed calibration fails here with its own message
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            return "embedded " + path; // a GPU name: the shipped calibration
        }
        string file = Directory.Exists(path) ? Path.Combine(path, "calibration.json") : path;
        using FileStream s = File.OpenRead(file);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s))[..12];
    }

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write machine-readable JSON to stdout instead of a table",
    };

    /// <summary>Adds <paramref name="options"/> to <paramref name="command"/> in order (the order --help lists them).</summary>
    public static void AddTo(Command command, params Option[] options)
    {
        foreach (Option o in options)
        {
            command.Options.Add(o);
        }
    }
}

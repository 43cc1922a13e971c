using System.Text.Json;
using System.Text.Json.Serialization;

namespace TraceReplay.Calibration.Model;

/// <summary>
/// The content of <c>calibration/&lt;gpu&gt;/calibration.json</c>: fitted curves per Vidur operator and per op class,
/// HBM byte corrections, and the provenance (input hashes, tool version, and <c>derived_from</c> for GPUs calibrated
/// by transfer). Serialised with sorted dictionaries and no timestamps, so equal inputs give equal bytes.
/// </summary>
public sealed record GpuCalibration
{
    /// <summary>2: measured-kernel families, dtype-aware peaks, bounded compute efficiency, decode work items (seq_exponent).</summary>
    public const int CurrentSchema = 2;

    [JsonPropertyName("schema_version")] public int SchemaVersion { get; init; } = CurrentSchema;
    [JsonPropertyName("gpu")] public required string Gpu { get; init; }
    /// <summary>Null when fitted on this GPU's own measurements; else the GPU whose fit was carried over.</summary>
    [JsonPropertyName("derived_from")] public string? DerivedFrom { get; init; }
    [JsonPropertyName("transfer")] public string? Transfer { get; init; }
    [JsonPropertyName("tool_version")] public required string ToolVersion { get; init; }
    /// <summary>SHA-256 over the sorted list of (input path, input SHA-256) lines.</summary>
    [JsonPropertyName("inputs_sha256")] public required string InputsSha256 { get; init; }
    [JsonPropertyName("inputs")] public required IReadOnlyList<ProfileInputJson> Inputs { get; init; }
    [JsonPropertyName("operators")] public required SortedDictionary<string, OperatorCalibration> Operators { get; init; }
    [JsonPropertyName("classes")] public required SortedDictionary<string, OperatorCalibration> Classes { get; init; }
    [JsonPropertyName("hbm")] public required SortedDictionary<string, HbmCorrection> Hbm { get; init; }
    /// <summary>
    /// Curves fitted on measured serving kernels (family key -> curve, <see cref="KernelDb.KernelFamilies"/>): GEMM by
    /// dtype, attention by phase and KV format, fused MoE by expert format, all-reduce and NCCL collectives. Where a
    /// family is present it serves the replay ahead of the Vidur operator curves. Empty in calibrations without them.
    /// </summary>
    [JsonPropertyName("kernels")] public SortedDictionary<string, OperatorCalibration> Kernels { get; init; } = new(StringComparer.Ordinal);

    public string ToJson() => JsonSerializer.Serialize(this, CalibrationJsonContext.Default.GpuCalibration).ReplaceLineEndings("\n") + "\n";

    public void Save(string path) => Core.IO.AtomicFile.WriteAllText(path, ToJson());

    public static GpuCalibration Parse(string json, string origin)
    {
        try
        {
            GpuCalibration c = JsonSerializer.Deserialize(json, CalibrationJsonContext.Default.GpuCalibration)
                ?? throw new InvalidDataException($"{origin}: empty calibration JSON");
            return c.SchemaVersion == CurrentSchema ? NoNullFields(c, origin)
                : throw new InvalidDataException($"{origin}: schema_version {c.SchemaVersion}; this tool reads {CurrentSchema}");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{origin}: line {ex.LineNumber + 1}, {ex.Path}: invalid calibration JSON ({ex.Message})", ex);
        }
    }

    public static GpuCalibration Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>System.Text.Json accepts an explicit null for a required member: name the field here rather than fail later.</summary>
    private static GpuCalibration NoNullFields(GpuCalibration c, string origin)
    {
        string? field = c.Gpu is null ? "gpu" : c.ToolVersion is null ? "tool_version" : c.InputsSha256 is null ? "inputs_sha256"
            : c.Inputs is null || c.Inputs.Any(i => i?.Path is null) ? "inputs" : c.Operators is null || c.Operators.Values.Any(v => v is null) ? "operators"
            : c.Classes is null || c.Classes.Values.Any(v => v is null) ? "classes" : c.Hbm is null || c.Hbm.Values.Any(v => v is null) ? "hbm"
            : c.Kernels is null || c.Kernels.Values.Any(v => v is null) ? "kernels" : null;
        return field is null ? c : throw new InvalidDataException($"{origin}: field '{field}': expected a value, got null");
    }

    /// <summary>"vLLM 0.14.0; TRTLLM 2.29.2": the frameworks the measured-kernel curves were fitted on.</summary>
    private string Frameworks() => string.Join("; ", Kernels.Values.Select(k => k.FittedOn).OfType<string>()
        .SelectMany(f => f.Split("; ")).Select(f => f.Split(" (", 2)[0]).Distinct().Order(StringComparer.Ordinal));

    /// <summary>
    /// One line saying what the calibration was fitted on: this GPU's Vidur profiles, a capture-kit trace (flagged when
    /// synthetic), or another GPU's measurements carried over by spec ratios.
    /// </summary>
    public string Describe()
    {
        string ids = $"(inputs sha256 {InputsSha256[..Math.Min(12, InputsSha256.Length)]}, tool {ToolVersion})";
        if (DerivedFrom is not null)
        {
            return Kernels.Values.Any(k => !k.Source.StartsWith("derived", StringComparison.Ordinal))
                ? $"calibrated on {Gpu} measured kernels ({Frameworks()}); the other operators DERIVED from {DerivedFrom} profiles by spec-ratio transfer {ids}"
                : $"DERIVED calibration: {Gpu} from {DerivedFrom} measurements by spec-ratio transfer {ids}";
        }
        if (Operators.Count == 0 && Inputs.Count > 0 && Inputs.All(i => i.Path.StartsWith("kernels/", StringComparison.Ordinal)))
        {
            string files = string.Join(", ", Inputs.Select(i => i.Path["kernels/".Length..]));
            bool synthetic = Classes.Values.Any(c => c.Source.Contains("synthetic", StringComparison.OrdinalIgnoreCase));
            return (synthetic ? "SYNTHETIC capture calibration (not a hardware measurement): " : "calibrated on ") + $"{Gpu} capture {files} {ids}";
        }
        string measured = Kernels.Count == 0 ? "" : $" and measured kernels ({Frameworks()})";
        return $"calibrated on {Gpu} profiles{measured} {ids}";
    }
}

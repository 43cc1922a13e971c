using System.Text.Json;
using TraceReplay.Core.Text;

namespace TraceReplay.Core.Hardware;

/// <summary>Built-in GPUs (embedded <c>gpus.json</c>) plus user GPUs loaded from a JSON file of the same schema.</summary>
public static class GpuCatalog
{
    private static readonly Lazy<IReadOnlyList<GpuSpec>> s_builtIn = new(LoadBuiltIn);

    public static IReadOnlyList<GpuSpec> BuiltIn => s_builtIn.Value;

    /// <summary>Resolves a short name, full name or alias (case-insensitive), or a path to a GPU JSON file.</summary>
    public static GpuSpec Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (File.Exists(nameOrPath))
        {
            return LoadFile(nameOrPath);
        }
        string key = NameKey.Normalize(nameOrPath);
        foreach (GpuSpec gpu in BuiltIn)
        {
            if (NameKey.Normalize(gpu.ShortName) == key || NameKey.Normalize(gpu.Name) == key
                || gpu.Aliases.Any(a => NameKey.Normalize(a) == key))
            {
                return gpu;
            }
        }
        throw new KeyNotFoundException(
            $"Unknown GPU '{nameOrPath}'. Known: {string.Join(", ", BuiltIn.Select(g => g.ShortName))}; or pass a path to a GPU JSON file.");
    }

    /// <summary>Loads one GPU object, or the first of an array of them, from a JSON file, and validates it (<see cref="GpuSpecCheck"/>).</summary>
    public static GpuSpec LoadFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(stream);
            JsonElement root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                root = root.GetArrayLength() > 0 ? root[0] : throw new InvalidDataException($"{path}: empty array; expected a GPU object (the fields of gpus.json) or an array of them");
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: expected a GPU object (the fields of gpus.json), got {root.ValueKind}");
            }
            GpuSpec gpu = root.Deserialize(GpuJsonContext.Default.GpuSpec) ?? throw new InvalidDataException($"{path}: empty GPU JSON");
            return GpuSpecCheck.Validate(gpu, path);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"{path}: line {ex.LineNumber + 1}, {ex.Path}: invalid GPU JSON ({ex.Message}). Expected the fields of gpus.json (name, short_name, peak_bf16_flops_per_s, ...).", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidDataException($"{path}: malformed JSON value ({ex.Message})", ex);
        }
    }

    private static IReadOnlyList<GpuSpec> LoadBuiltIn()
    {
        using Stream stream = typeof(GpuCatalog).Assembly.GetManifestResourceStream("TraceReplay.Hardware.gpus.json")
            ?? throw new InvalidOperationException("embedded gpus.json missing");
        return JsonSerializer.Deserialize(stream, GpuJsonContext.Default.ListGpuSpec) ?? [];
    }
}

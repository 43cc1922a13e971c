using TraceReplay.Core.Text;

namespace TraceReplay.Core.Models;

/// <summary>Built-in models (embedded Hugging Face configs) and models loaded from a <c>config.json</c> path.</summary>
public static class ModelCatalog
{
    private const string ResourcePrefix = "TraceReplay.Models.";
    private static readonly Lazy<IReadOnlyList<ModelSpec>> s_builtIn = new(LoadBuiltIn);

    public static IReadOnlyList<ModelSpec> BuiltIn => s_builtIn.Value;

    /// <summary>
    /// Resolves a catalogue name, Hugging Face id or alias (case- and punctuation-insensitive), or a path to a
    /// <c>config.json</c> (or a folder holding one).
    /// </summary>
    public static ModelSpec Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (File.Exists(nameOrPath))
        {
            return HfConfigLoader.LoadFile(nameOrPath);
        }
        string folderConfig = Path.Combine(nameOrPath, "config.json");
        if (Directory.Exists(nameOrPath) && File.Exists(folderConfig))
        {
            return HfConfigLoader.LoadFile(folderConfig);
        }
        string key = NameKey.Normalize(nameOrPath);
        foreach (ModelSpec model in BuiltIn)
        {
            if (Keys(model).Contains(key))
            {
                return model;
            }
        }
        throw new KeyNotFoundException(
            $"Unknown model '{nameOrPath}'. Known: {string.Join(", ", BuiltIn.Select(m => m.Name))}; or pass a path to a Hugging Face config.json.");
    }

    private static IEnumerable<string> Keys(ModelSpec m)
    {
        yield return NameKey.Normalize(m.Name);
        if (m.HfId is not null)
        {
            yield return NameKey.Normalize(m.HfId);
        }
        foreach (string alias in m.Aliases)
        {
            yield return NameKey.Normalize(alias);
        }
    }

    private static IReadOnlyList<ModelSpec> LoadBuiltIn()
    {
        var assembly = typeof(ModelCatalog).Assembly;
        var models = new List<ModelSpec>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            models.Add(HfConfigLoader.Load(stream, resource, resource[ResourcePrefix.Length..]));
        }
        return [.. models.OrderBy(m => m.Parameters.Total)];
    }
}

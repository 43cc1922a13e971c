namespace TraceReplay.Cli.Validation;

/// <summary>
/// Measured benchmark points as read, with the source's own columns kept for <c>validation.csv</c>: the
/// AIConfigurator silicon CSV layout, or vLLM <c>bench serve --save-result</c> JSON files (one file, or a folder of them).
/// </summary>
public sealed record MeasuredFile(string Path, IReadOnlyList<string> Header, IReadOnlyList<string[]> Cells, IReadOnlyList<MeasuredPoint> Points)
{
    /// <summary>Reads <paramref name="path"/> by its kind; <paramref name="jsonDefaults"/> gives the deployment a vLLM JSON lacks.</summary>
    public static MeasuredFile Read(string path, VllmBenchJsonReader.Deployment? jsonDefaults)
    {
        if (Directory.Exists(path))
        {
            string[] files = [.. Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal)];
            if (files.Length == 0)
            {
                throw new FileNotFoundException($"{path}: folder has no *.json vLLM bench results");
            }
            return VllmBenchJsonReader.Read(files, RequireDefaults(jsonDefaults, path));
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such measured-points file");
        }
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? VllmBenchJsonReader.Read([path], RequireDefaults(jsonDefaults, path))
            : SiliconCsvReader.Read(path);
    }

    private static VllmBenchJsonReader.Deployment RequireDefaults(VllmBenchJsonReader.Deployment? d, string path) =>
        d ?? throw new ArgumentException($"{path}: vLLM bench JSON does not record the deployment; pass --model, --gpu and --tp");
}

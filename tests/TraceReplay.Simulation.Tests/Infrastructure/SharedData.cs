namespace TraceReplay.Simulation.Tests.Infrastructure;

/// <summary>Finds the team's read-only sample data by walking up from the test binary to a folder holding shared/data.</summary>
internal static class SharedData
{
    private static readonly Lazy<string> s_root = new(Find);

    public static string Root => s_root.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string AzureConv => Path("traces", "azure-2023", "AzureLLMInferenceTrace_conv.csv");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (string candidate in new[] { System.IO.Path.Combine(dir.FullName, "shared", "data"), System.IO.Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                if (Directory.Exists(candidate))
                {
                    return System.IO.Path.GetFullPath(candidate);
                }
            }
        }
        throw new DirectoryNotFoundException($"no shared/data above {AppContext.BaseDirectory}");
    }
}

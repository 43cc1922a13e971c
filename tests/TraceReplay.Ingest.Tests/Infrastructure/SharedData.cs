namespace TraceReplay.Ingest.Tests.Infrastructure;

/// <summary>Finds ../shared/data by walking up from the test binary (the repo's sibling folder in CI and locally).</summary>
public static class SharedData
{
    private static readonly Lazy<string> s_root = new(Find);

    public static string Root => s_root.Value;

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    private static string Find()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            foreach (string candidate in new[] { System.IO.Path.Combine(d.FullName, "shared", "data"), System.IO.Path.Combine(d.FullName, "..", "shared", "data") })
            {
                if (Directory.Exists(candidate))
                {
                    return System.IO.Path.GetFullPath(candidate);
                }
            }
        }
        throw new DirectoryNotFoundException($"shared/data not found above {AppContext.BaseDirectory}");
    }
}

namespace TraceReplay.Calibration.Tests.Infrastructure;

/// <summary>Finds the team's shared sample data by walking up from the test binary.</summary>
public static class SharedData
{
    public static string Root { get; } = Find();

    public static string VidurProfiles => Path.Combine(Root, "profiles", "vidur");

    /// <summary>The repository root (folder holding TraceReplay.sln).</summary>
    public static string Repo { get; } = FindUp("TraceReplay.sln") ?? throw new DirectoryNotFoundException("TraceReplay.sln not found above the test binary");

    private static string Find()
    {
        for (string? d = AppContext.BaseDirectory; d is not null; d = Path.GetDirectoryName(d))
        {
            foreach (string candidate in new[] { Path.Combine(d, "shared", "data"), Path.Combine(d, "..", "shared", "data") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }
        throw new DirectoryNotFoundException("shared/data not found above " + AppContext.BaseDirectory);
    }

    private static string? FindUp(string file)
    {
        for (string? d = AppContext.BaseDirectory; d is not null; d = Path.GetDirectoryName(d))
        {
            if (File.Exists(Path.Combine(d, file)))
            {
                return d;
            }
        }
        return null;
    }
}

namespace TraceReplay.Calibration.Tests.Infrastructure;

/// <summary>Data committed in the repository (tests/data), found by walking up from the test binary: no ../shared needed.</summary>
public static class RepoData
{
    public static string Repo { get; } = FindUp() ?? throw new DirectoryNotFoundException("TraceReplay.sln not found above " + AppContext.BaseDirectory);

    /// <summary>tests/data/aiconfigurator: cuts of the measured vLLM kernel tables (h100_sxm/...).</summary>
    public static string KernelDb => Path.Combine(Repo, "tests", "data", "aiconfigurator");

    public static string KernelTable(string file) => Path.Combine(KernelDb, "h100_sxm", file);

    private static string? FindUp()
    {
        for (string? d = AppContext.BaseDirectory; d is not null; d = Path.GetDirectoryName(d))
        {
            if (File.Exists(Path.Combine(d, "TraceReplay.sln")))
            {
                return d;
            }
        }
        return null;
    }
}

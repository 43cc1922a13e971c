using TraceReplay.Reproductions.LayeredPrefill;

namespace TraceReplay.Reproductions.Tests;

/// <summary>The repository's committed inputs, found by walking up from the test binary.</summary>
internal static class RepoPaths
{
    public static string Lengths { get; } = Find();

    private static string Find()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, LengthsFolder.Relative);
            if (File.Exists(Path.Combine(candidate, Datasets.ShareGptFile)))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"no {LengthsFolder.Relative} above {AppContext.BaseDirectory}");
    }
}

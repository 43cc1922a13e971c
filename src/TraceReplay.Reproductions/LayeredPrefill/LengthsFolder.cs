namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>Finds the repository's <c>traces/lengths</c>: walking up from the working directory, then from the binary.</summary>
public static class LengthsFolder
{
    public const string Relative = "traces/lengths";

    public static string Locate()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, Relative);
                if (File.Exists(Path.Combine(candidate, Datasets.ShareGptFile)))
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"could not find {Relative}/{Datasets.ShareGptFile} above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; run from the repository or pass --lengths DIR");
    }
}

namespace TraceReplay.TestSupport;

/// <summary>
/// Public sample data by its path in the team's shared/data (see tests/README.md). <see cref="Path"/> looks first in the
/// repository (tests/data, then the repository root: traces/azure-2023 and traces/lengths are committed byte for byte),
/// and only then in ../shared/data, which a bare clone does not have: a test that needs a file found only there carries
/// <c>[Trait("Category", "SharedData")]</c> so that <c>make test</c> skips it and <c>make test-data</c> runs it.
/// </summary>
public static class SharedData
{
    /// <summary>The xunit trait value for tests that need ../shared/data: <c>[Trait("Category", SharedData.Category)]</c>.</summary>
    public const string Category = "SharedData";

    private static readonly Lazy<string?> s_root = new(Find);

    /// <summary>True when ../shared/data exists beside or above the checkout.</summary>
    public static bool IsPresent => s_root.Value is not null;

    /// <summary>The shared/data folder; throws with what to do when it is absent (a bare clone).</summary>
    public static string Root => s_root.Value ?? throw new DirectoryNotFoundException(
        $"shared/data not found beside or above {AppContext.BaseDirectory}: tag this test [Trait(\"Category\", \"SharedData\")] or commit a small cut under tests/data (see tests/README.md)");

    /// <summary>The repository root (folder holding TraceReplay.sln).</summary>
    public static string Repo => TestRepo.Root;

    /// <summary>Vidur per-operator profiles (shared/data only: 20 MB).</summary>
    public static string VidurProfiles => System.IO.Path.Combine(Root, "profiles", "vidur");

    /// <summary>The Azure 2023 conversation trace: the repository's copy, byte-identical to shared/data's.</summary>
    public static string AzureConv => TestRepo.Path("traces", "azure-2023", "AzureLLMInferenceTrace_conv.csv");

    /// <summary>A file by its shared/data-relative path: tests/data, then the repository root, then shared/data.</summary>
    public static string Path(params string[] parts)
    {
        string relative = System.IO.Path.Combine(parts);
        foreach (string root in new[] { TestRepo.TestData, TestRepo.Root })
        {
            string candidate = System.IO.Path.Combine(root, relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return System.IO.Path.Combine(Root, relative);
    }

    private static string? Find()
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
        return null;
    }
}

namespace TraceReplay.TestSupport;

/// <summary>The repository the tests run from: the folder holding TraceReplay.sln above the test binary.</summary>
public static class TestRepo
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the repository, e.g. <c>TestRepo.Path("traces", "azure-2023")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Small cuts of public data committed for the tests (tests/data, laid out as shared/data is).</summary>
    public static string TestData => Path("tests", "data");

    private static string FindRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(d.FullName, "TraceReplay.sln")))
            {
                return d.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no TraceReplay.sln above {AppContext.BaseDirectory}");
    }
}

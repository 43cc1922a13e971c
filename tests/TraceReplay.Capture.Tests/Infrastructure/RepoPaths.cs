using System.Reflection;

namespace TraceReplay.Capture.Tests.Infrastructure;

/// <summary>Finds the repository (the folder holding TraceReplay.sln) above the test binary.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string SampleGatewayDll =>
        Combine("samples", "TraceReplay.SampleGateway", "bin", Configuration, "net10.0", "TraceReplay.SampleGateway.dll");

    public static string CliDll =>
        Combine("src", "TraceReplay.Cli", "bin", Configuration, "net10.0", "tracereplay.dll");

    public static string CaptureKit => Combine("tools", "capture", "capture.py");

    public static string ModelConfig(string name) => Combine("src", "TraceReplay.Core", "Models", "Configs", name + ".json");

    private static string FindRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "TraceReplay.sln")))
            {
                return d.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no TraceReplay.sln above {AppContext.BaseDirectory}");
    }
}

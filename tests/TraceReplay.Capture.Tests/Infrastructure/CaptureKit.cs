using System.Diagnostics;

namespace TraceReplay.Capture.Tests.Infrastructure;

/// <summary>Runs tools/capture/capture.py as a user would (a real python3 process, bounded wait).</summary>
internal static class CaptureKit
{
    public static string? Python { get; } = Find("python3");

    public static (int ExitCode, string Stdout, string Stderr) Run(IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo(Python ?? throw new InvalidOperationException("python3 not found"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        info.ArgumentList.Add(RepoPaths.CaptureKit);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }
        foreach ((string k, string v) in env ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }
        using Process p = Process.Start(info)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("capture.py did not finish within 120 s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Find(string exe) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, exe)).FirstOrDefault(File.Exists);
}

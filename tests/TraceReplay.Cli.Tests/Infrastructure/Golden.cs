using System.Runtime.CompilerServices;

namespace TraceReplay.Cli.Tests.Infrastructure;

/// <summary>
/// Golden-file check: compares text with Expectations/NAME.verified.txt (copied beside the test binary, so it works
/// under ContinuousIntegrationBuild's mapped source paths too). On a mismatch it writes NAME.received.txt into the
/// source tree when that exists (else beside the binary), so accepting a change is a file rename.
/// </summary>
public static class Golden
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string verified = Path.Combine(AppContext.BaseDirectory, "Expectations", name + ".verified.txt");
        string sourceFolder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "Expectations"));
        string receivedFolder = Directory.Exists(sourceFolder) ? sourceFolder : Path.GetDirectoryName(verified)!;
        string received = Path.Combine(receivedFolder, name + ".received.txt");
        string normalized = actual.ReplaceLineEndings("\n");
        string expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : "";
        if (expected != normalized)
        {
            File.WriteAllText(received, normalized);
            Assert.Fail($"{name}: output differs from {verified}; the new output is in {received} (rename it to {name}.verified.txt in tests/TraceReplay.Cli.Tests/Expectations to accept).");
        }
        if (File.Exists(received))
        {
            File.Delete(received);
        }
    }
}

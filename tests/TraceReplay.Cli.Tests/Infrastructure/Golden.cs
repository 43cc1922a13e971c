using System.Runtime.CompilerServices;

namespace TraceReplay.Cli.Tests.Infrastructure;

/// <summary>
/// Golden-file check: compares text with Expectations/NAME.verified.txt in the source tree. On a mismatch it writes
/// NAME.received.txt beside it, so accepting a change is a file rename.
/// </summary>
public static class Golden
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "Expectations");
        string verified = Path.Combine(folder, name + ".verified.txt");
        string received = Path.Combine(folder, name + ".received.txt");
        string normalized = actual.ReplaceLineEndings("\n");
        string expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : "";
        if (expected != normalized)
        {
            File.WriteAllText(received, normalized);
            Assert.Fail($"{name}: output differs from {verified}; the new output is in {received} (rename it to accept).");
        }
        if (File.Exists(received))
        {
            File.Delete(received);
        }
    }
}

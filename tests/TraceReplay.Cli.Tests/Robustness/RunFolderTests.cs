using System.Text;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Robustness;

/// <summary>Issue 19 (found by the fuzz suite): a damaged run folder is an input error naming the file, for compare.</summary>
public sealed class RunFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-runs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Run(string name)
    {
        string dir = Path.Combine(_dir, name);
        InProcess.Result r = InProcess.Run("replay", "--requests", InProcess.Data("requests/azure_conv.head30.csv"), "--model", "llama-3-8b",
            "--gpu", "h100", "--scheduler", "sarathi", "--cost-model", "roofline", "-o", dir);
        Assert.True(r.ExitCode == 0, r.ToString());
        return dir;
    }

    [Fact]
    public void Invalid_utf8_in_summary_json_names_the_file()
    {
        string baseline = Run("base"), candidate = Run("cand");
        string summary = Path.Combine(candidate, "summary.json");
        byte[] bytes = File.ReadAllBytes(summary);
        int quote = Array.IndexOf(bytes, (byte)'"', Encoding.UTF8.GetString(bytes).IndexOf("\"scheduler\": \"", StringComparison.Ordinal) + 14);
        bytes[quote - 1] = 0xFF; // inside the scheduler string
        File.WriteAllBytes(summary, bytes);
        InProcess.Result r = InProcess.Run("compare", baseline, candidate);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("summary.json", r.StdErr);
    }
}

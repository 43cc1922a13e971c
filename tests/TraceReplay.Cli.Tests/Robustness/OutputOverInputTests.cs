using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Robustness;

/// <summary>Issue 19: <c>-o</c> resolving to an input is refused before anything is written (exit 2, input unchanged).</summary>
public sealed class OutputOverInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-oin-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string CopyOf(string sample, string name)
    {
        string path = Path.Combine(_dir, name);
        File.Copy(InProcess.Data(sample), path);
        return path;
    }

    [Fact]
    public void Ingest_requests_refuses_the_input_as_output()
    {
        string input = CopyOf("requests/azure_conv.head30.csv", "in.csv");
        byte[] before = File.ReadAllBytes(input);
        InProcess.Result r = InProcess.Run("ingest", "requests", input, "-o", input);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("would destroy the input", r.StdErr);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Ingest_refuses_an_output_that_is_a_symlink_to_the_input()
    {
        string input = CopyOf("requests/azure_conv.head30.csv", "in.csv");
        string link = Path.Combine(_dir, "link.parquet");
        File.CreateSymbolicLink(link, input);
        byte[] before = File.ReadAllBytes(input);
        Assert.Equal(2, InProcess.Run("ingest", "requests", input, "-o", link).ExitCode);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Ingest_refuses_through_a_symlinked_folder()
    {
        string input = CopyOf("requests/azure_conv.head30.csv", "in.csv");
        string linkDir = Path.Combine(Directory.CreateTempSubdirectory("tracereplay-oin-link-").FullName, "d");
        Directory.CreateSymbolicLink(linkDir, _dir);
        Assert.Equal(2, InProcess.Run("ingest", "requests", input, "-o", Path.Combine(linkDir, "in.csv")).ExitCode);
    }

    [Fact]
    public void Ingest_kernels_refuses_the_input_as_output()
    {
        string input = CopyOf("kernels/nsys_kernsum_decode.csv", "k.csv");
        byte[] before = File.ReadAllBytes(input);
        Assert.Equal(2, InProcess.Run("ingest", "kernels", input, "-o", input).ExitCode);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Replay_refuses_an_output_folder_whose_outputs_would_replace_the_requests()
    {
        string folder = Path.Combine(_dir, "run");
        Directory.CreateDirectory(folder);
        string requests = Path.Combine(folder, "requests.parquet");
        Assert.Equal(0, InProcess.Run("ingest", "requests", InProcess.Data("requests/azure_conv.head30.csv"), "-o", requests).ExitCode);
        byte[] before = File.ReadAllBytes(requests);
        InProcess.Result r = InProcess.Run("replay", "--requests", requests, "--model", "qwen3-30b-a3b", "--gpu", "h100", "--scheduler", "sarathi", "-o", folder);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("would destroy the input", r.StdErr);
        Assert.Equal(before, File.ReadAllBytes(requests));
        Assert.False(File.Exists(Path.Combine(folder, "summary.json")));
    }
}

using System.Diagnostics;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Robustness;

/// <summary>Issue 19: SIGINT/SIGTERM remove temp files; stale temps of dead processes are removed at the next start.</summary>
public sealed class InterruptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-sig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_during_ingest_leaves_no_temp_file_and_no_output(string signal, int expectedExit)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }
        // ServeGen windows at ~90 requests/s over 4 x 600 s: long enough to interrupt while the temp file is open.
        foreach (string f in new[] { "chunk-61-trace.csv", "chunk-61-dataset.json" })
        {
            File.Copy(InProcess.Data("requests/servegen/" + f), Path.Combine(_dir, f));
        }
        string output = Path.Combine(_dir, "out", "r.parquet");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "tracereplay.dll"), "ingest", "requests", Path.Combine(_dir, "chunk-61-trace.csv"), "-o", output })
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        string outDir = Path.GetDirectoryName(output)!;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!p.HasExited && DateTime.UtcNow < deadline && !(Directory.Exists(outDir) && Directory.EnumerateFiles(outDir, "*.tmp").Any()))
        {
            await Task.Delay(20);
        }
        if (p.HasExited)
        {
            // Finished before a temp file was seen: nothing to interrupt on this machine; the outcome must still be clean.
            Assert.Equal(0, p.ExitCode);
            return;
        }
        using (Process kill = Process.Start("kill", ["-" + signal, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            kill.WaitForExit();
        }
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(1)), "the CLI did not stop after the signal");
        string err = await stderr;
        Assert.True(p.ExitCode == expectedExit || p.ExitCode == 0, $"exit {p.ExitCode}: {err}");
        Assert.Empty(Directory.EnumerateFiles(outDir, "*.tmp"));
        if (p.ExitCode == expectedExit)
        {
            Assert.False(File.Exists(output));
            Assert.Contains("interrupted", err);
        }
    }

    [Fact]
    public void Stale_temp_files_of_dead_processes_are_removed_and_live_ones_kept()
    {
        string output = Path.Combine(_dir, "r.parquet");
        string stale = Path.Combine(_dir, ".r.parquet.2147483000.0123456789abcdef.tmp");
        string live = Path.Combine(_dir, $".r.parquet.{Environment.ProcessId}.fedcba9876543210.tmp");
        File.WriteAllText(stale, "partial");
        File.WriteAllText(live, "partial");
        Assert.Equal(0, InProcess.Run("ingest", "requests", InProcess.Data("requests/azure_conv.head30.csv"), "-o", output).ExitCode);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(output));
    }
}

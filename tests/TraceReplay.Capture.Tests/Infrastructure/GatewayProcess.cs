using System.Diagnostics;
using Microsoft.Diagnostics.NETCore.Client;

namespace TraceReplay.Capture.Tests.Infrastructure;

/// <summary>
/// The sample gateway started as a real child process (dotnet exec of its built dll), driven over stdin/stdout.
/// Every wait is bounded; disposal always kills the child.
/// </summary>
internal sealed class GatewayProcess : IDisposable
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;

    private GatewayProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public static async Task<GatewayProcess> StartAsync()
    {
        string dll = RepoPaths.SampleGatewayDll;
        Assert.True(File.Exists(dll), $"sample gateway not built: {dll}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(dll);
        info.Environment["DOTNET_EnableDiagnostics"] = "1";
        var gateway = new GatewayProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet"));
        try
        {
            string ready = await gateway.ReadLineAsync();
            Assert.Equal($"ready {gateway.Pid}", ready);
            await gateway.WaitForDiagnosticsPortAsync();
            return gateway;
        }
        catch
        {
            gateway.Dispose();
            throw;
        }
    }

    public async Task<string> SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return await ReadLineAsync();
    }

    /// <summary>Sends <c>quit</c> and waits (bounded) for the gateway to exit.</summary>
    public async Task QuitAsync()
    {
        await _process.StandardInput.WriteLineAsync("quit");
        await _process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(s_replyTimeout);
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Polls <c>status</c> until the gateway's EventSource sees the session (bounded).</summary>
    public async Task WaitUntilAsync(string expectedStatusPart)
    {
        var clock = Stopwatch.StartNew();
        string status = "";
        while (clock.Elapsed < s_replyTimeout)
        {
            status = await SendAsync("status");
            if (status.Contains(expectedStatusPart, StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"gateway status never contained '{expectedStatusPart}'; last: '{status}'");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(s_replyTimeout);
        string? line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        return line ?? throw new InvalidOperationException($"gateway {Pid} closed its output (exit code {(_process.HasExited ? _process.ExitCode : -1)})");
    }

    private async Task WaitForDiagnosticsPortAsync()
    {
        var clock = Stopwatch.StartNew();
        while (!DiagnosticsClient.GetPublishedProcesses().Contains(Pid))
        {
            if (clock.Elapsed > s_replyTimeout)
            {
                throw new TimeoutException($"gateway {Pid} never published a diagnostics port");
            }
            await Task.Delay(20);
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using TraceReplay.Capture.Tests.Infrastructure;
using TraceReplay.Core.Requests;
using TraceReplay.Parquet.Requests;

namespace TraceReplay.Capture.Tests.Live;

/// <summary><c>tracereplay capture --pid N -o requests.parquet</c> as a user runs it, against a real gateway process.</summary>
public sealed class CaptureCliEndToEndTests
{
    [Fact]
    public async Task Cli_capture_until_the_gateway_exits_writes_every_served_request()
    {
        using GatewayProcess gateway = await GatewayProcess.StartAsync();
        string dir = Directory.CreateTempSubdirectory("tr-capture-cli-").FullName;
        string path = Path.Combine(dir, "requests.parquet");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "exec", RepoPaths.CliDll, "capture", "--pid", gateway.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", path, "--json" })
        {
            info.ArgumentList.Add(a);
        }
        using Process cli = Process.Start(info)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? banner = await cli.StandardError.ReadLineAsync(timeout.Token);
            Assert.StartsWith("capturing TraceReplay-Requests from process", banner);
            await gateway.WaitUntilAsync("requests=true");
            long prompt = 0, output = 0;
            for (int i = 1; i <= 25; i++)
            {
                Assert.Equal($"served {i}", await gateway.SendAsync($"serve {i} {i * 37} {i * 3}"));
                prompt += i * 37;
                output += i * 3;
            }
            Assert.Equal("arrived 99", await gateway.SendAsync("arrive 99 1000"));
            await gateway.QuitAsync(); // the capture ends when the target exits; EventPipe flushes on shutdown

            string stdout = await cli.StandardOutput.ReadToEndAsync(timeout.Token);
            await cli.WaitForExitAsync(timeout.Token);
            Assert.True(cli.ExitCode == 0, $"exit code {cli.ExitCode}: {stdout}");
            using JsonDocument json = JsonDocument.Parse(stdout);
            JsonElement root = json.RootElement;
            Assert.Equal(25, root.GetProperty("requests_written").GetInt64());
            Assert.Equal(prompt, root.GetProperty("prompt_tokens").GetInt64());
            Assert.Equal(output, root.GetProperty("output_tokens").GetInt64());
            Assert.Equal(1, root.GetProperty("incomplete_requests").GetInt32());

            var rows = new List<RequestRecord>();
            await foreach (RequestRecord r in RequestParquetReader.ReadAsync(path))
            {
                rows.Add(r);
            }
            Assert.Equal(25, rows.Count);
            Assert.Equal(prompt, rows.Sum(r => (long)r.PromptTokens));
            Assert.Equal(output, rows.Sum(r => (long)r.OutputTokens));
        }
        finally
        {
            if (!cli.HasExited)
            {
                cli.Kill(entireProcessTree: true);
            }
            Directory.Delete(dir, recursive: true);
        }
    }
}

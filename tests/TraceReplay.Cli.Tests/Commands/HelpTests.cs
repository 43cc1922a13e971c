using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Commands;

public sealed class HelpTests
{
    [Fact]
    public void Root_help_lists_the_pipeline_commands()
    {
        CliRunner.Result r = CliRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        Golden.Verify("root-help", r.StdOut);
    }

    [Fact]
    public void Root_help_fits_a_screen_and_each_command_keeps_its_whole_help()
    {
        CliRunner.Result root = CliRunner.Run("--help");
        string[] commands = [.. CliApp.Build().Subcommands.Select(c => c.Name)];
        Assert.All(commands, c => Assert.Contains($"\n  {c}", root.StdOut, StringComparison.Ordinal));
        Assert.Single(root.StdOut.Split("Examples:")[1..]); // the root's own examples only
        Assert.True(root.StdOut.Split('\n').Length < 40, root.StdOut);
        CliRunner.Result replay = CliRunner.Run("replay", "--help");
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("Examples:", replay.StdOut, StringComparison.Ordinal);
        Assert.Contains("--cost-model", replay.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_intensity_help_has_examples()
    {
        CliRunner.Result r = CliRunner.Run("analyze", "intensity", "--help");
        Assert.Equal(0, r.ExitCode);
        Golden.Verify("analyze-intensity-help", r.StdOut);
    }

    [Fact]
    public void Unknown_model_exits_2_with_the_known_list()
    {
        CliRunner.Result r = CliRunner.Run("analyze", "intensity", "--model", "no-such-model", "--gpu", "h100");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Unknown model 'no-such-model'", r.StdErr);
        Assert.Contains("Qwen3-30B-A3B", r.StdErr);
    }
}

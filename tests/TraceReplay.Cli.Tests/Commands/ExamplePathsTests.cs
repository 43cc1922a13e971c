using System.CommandLine;
using System.Text.RegularExpressions;

namespace TraceReplay.Cli.Tests.Commands;

/// <summary>
/// Examples a new user copies work from a clone: `--help` texts and the docs name paths inside the repository (never
/// ../shared/data/...), and `calibrate` examples in `--help` write to a user folder, never into the shipped calibration/.
/// </summary>
public sealed partial class ExamplePathsTests
{
    private static IEnumerable<Command> All(Command c) => c.Subcommands.SelectMany(All).Prepend(c);

    [Fact]
    public void Help_examples_use_repository_paths_and_calibrate_writes_to_a_user_folder()
    {
        foreach (Command command in All(CliApp.Build()))
        {
            string help = command.Description ?? "";
            Assert.DoesNotContain("../shared", help, StringComparison.Ordinal);
            Assert.DoesNotContain("shared/data/", help, StringComparison.Ordinal);
            foreach (Match m in CalibrateOutput().Matches(help))
            {
                Assert.Fail($"{command.Name} --help: `{m.Value}` writes into the shipped calibration/ folder");
            }
        }
    }

    [Fact]
    public void Readme_and_docs_name_no_path_outside_the_repository()
    {
        string[] files = [TestRepo.Path("README.md"), .. Directory.GetFiles(TestRepo.Path("docs"), "*.md", SearchOption.AllDirectories)];
        foreach (string file in files)
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                Assert.False(lines[i].Contains("../shared/data/", StringComparison.Ordinal), $"{file}:{i + 1}: {lines[i]}");
            }
        }
    }

    [GeneratedRegex(@"tracereplay calibrate [^\n]*-o calibration/\S*")]
    private static partial Regex CalibrateOutput();
}

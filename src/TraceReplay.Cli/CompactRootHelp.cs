using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;

namespace TraceReplay.Cli;

/// <summary>
/// Keeps <c>tracereplay --help</c> to one screen: each command is listed with the first sentence of its description;
/// the whole description, options and examples stay in <c>tracereplay COMMAND --help</c> (the library's help).
/// </summary>
public sealed class CompactRootHelp(RootCommand root, SynchronousCommandLineAction libraryHelp) : SynchronousCommandLineAction
{
    public static void Apply(RootCommand root)
    {
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: SynchronousCommandLineAction library } help)
        {
            help.Action = new CompactRootHelp(root, library);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        if (!ReferenceEquals(parseResult.CommandResult.Command, root))
        {
            return libraryHelp.Invoke(parseResult);
        }
        Console.Out.Write(Render(root));
        return 0;
    }

    public static string Render(RootCommand root)
    {
        var sb = new StringBuilder("Description:\n");
        foreach (string line in (root.Description ?? "").Split('\n'))
        {
            sb.Append("  ").Append(line).Append('\n');
        }
        sb.Append("\nUsage:\n  tracereplay [command] [options]\n\nOptions:\n");
        // The library's spelling: "-?, -h, --help" (the Windows-style "/?" aliases are accepted but not listed).
        Rows(sb, [.. root.Options.Select(o => (string.Join(", ", new[] { o.Name }.Concat(o.Aliases).Where(a => a[0] == '-').Distinct()
            .OrderBy(a => a.Length).ThenBy(a => a, StringComparer.Ordinal)), o.Description ?? ""))]);
        sb.Append("\nCommands:\n");
        Rows(sb, [.. root.Subcommands.Select(c => (string.Join(' ', c.Arguments.Select(a => $"<{a.Name}>").Prepend(c.Name)), Summary(c.Description)))]);
        return sb.ToString();
    }

    /// <summary>The first sentence of the first line (a sentence ends at ". " or at the line's end).</summary>
    public static string Summary(string? description)
    {
        string line = (description ?? "").Split('\n')[0].Trim();
        int end = line.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? line : line[..(end + 1)];
    }

    private static void Rows(StringBuilder sb, IReadOnlyList<(string Name, string Text)> rows)
    {
        int width = rows.Max(r => r.Name.Length) + 2;
        foreach ((string name, string text) in rows)
        {
            sb.Append("  ").Append(name.PadRight(width)).Append(text).Append('\n');
        }
    }
}

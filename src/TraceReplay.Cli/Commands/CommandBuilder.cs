using System.CommandLine;

namespace TraceReplay.Cli.Commands;

/// <summary>
/// Builds every command the same way: its description, then "Examples:" with one runnable line each (paths inside the
/// repository where the example reads a file), then its arguments, options and subcommands, then its action.
/// </summary>
internal static class CommandBuilder
{
    public static Command Create(string name, string description, string[] examples, IEnumerable<Symbol> symbols, Func<ParseResult, int> action)
    {
        Command command = Create(name, description, examples, symbols);
        command.SetAction(action);
        return command;
    }

    public static Command Create(string name, string description, string[] examples, IEnumerable<Symbol> symbols,
        Func<ParseResult, CancellationToken, Task<int>> action)
    {
        Command command = Create(name, description, examples, symbols);
        command.SetAction(action);
        return command;
    }

    /// <summary>A command without an action of its own: a group such as <c>ingest</c> that holds subcommands.</summary>
    public static Command Create(string name, string description, string[] examples, IEnumerable<Symbol> symbols)
    {
        var command = new Command(name, examples.Length == 0 ? description : description + "\n\nExamples:\n" + string.Join('\n', examples.Select(e => "  " + e)));
        foreach (Symbol symbol in symbols)
        {
            switch (symbol)
            {
                case Argument a:
                    command.Arguments.Add(a);
                    break;
                case Option o:
                    command.Options.Add(o);
                    break;
                case Command c:
                    command.Subcommands.Add(c);
                    break;
                default:
                    throw new ArgumentException($"command {name}: unexpected symbol {symbol.GetType().Name}");
            }
        }
        return command;
    }
}

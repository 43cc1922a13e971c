namespace TraceReplay.Cli.Commands;

/// <summary>
/// Turns bad-input exceptions inside a command action into "error: ..." and exit code 2 (System.CommandLine
/// would otherwise print a stack trace before CliApp.Run sees them).
/// </summary>
public static class CliErrors
{
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is InvalidDataException or KeyNotFoundException or FormatException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }
}

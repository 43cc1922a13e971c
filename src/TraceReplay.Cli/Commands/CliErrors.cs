namespace TraceReplay.Cli.Commands;

/// <summary>Bad input ends a command with its message on stderr and exit code 2, not a stack trace.</summary>
internal static class CliErrors
{
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or FormatException or KeyNotFoundException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }
}

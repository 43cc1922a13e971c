namespace TraceReplay.Cli.Errors;

/// <summary>Every exit code the CLI returns, in one place (documented in docs/robustness.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A check failed (regression found by compare, iteration check out of tolerance).</summary>
    public const int CheckFailed = 1;

    /// <summary>Usage error or bad input: one line on stderr says what and where.</summary>
    public const int InputError = 2;

    /// <summary>A bug in tracereplay (an exception no input should cause): one line plus a hint to report it.</summary>
    public const int InternalError = 70;

    /// <summary>128 + SIGINT: interrupted by Ctrl+C; temp files removed.</summary>
    public const int Interrupted = 130;

    /// <summary>128 + SIGTERM: terminated; temp files removed.</summary>
    public const int Terminated = 143;
}

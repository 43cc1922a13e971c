using System.Diagnostics;
using System.Reflection;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Cli.Errors;

/// <summary>
/// The one place an exception becomes a line on stderr and an exit code; no stack trace reaches the user unless
/// <c>TRACEREPLAY_DEBUG=1</c> is set. Bad input and usage errors exit 2; an exception raised inside a file-format
/// library (Parquet/Thrift, SQLite, System.Text.Json, CsvHelper, compression) means the file is not what it claims
/// and exits 2 as well; anything else is a bug: one line, a hint, exit 70.
/// </summary>
public static class ErrorMapper
{
    public const string DebugVariable = "TRACEREPLAY_DEBUG";

    private static readonly string[] s_formatLibraries =
        ["Parquet", "Thrift", "Microsoft.Data.Sqlite", "SQLitePCL", "System.Text.Json", "CsvHelper", "System.IO.Compression", "IronCompress"];

    public sealed record Mapped(int ExitCode, string Line);

    public static Mapped Map(Exception exception)
    {
        Exception ex = Unwrap(exception);
        return ex switch
        {
            OperationCanceledException => new(ExitCodes.Interrupted, "interrupted: stopped before finishing; no output was written"),
            InputException => new(ExitCodes.InputError, $"error: {ex.Message}"),
            InvalidDataException or KeyNotFoundException or FormatException or ArgumentException or IOException or UnauthorizedAccessException
                => new(ExitCodes.InputError, $"error: {ex.Message}"),
            OutOfMemoryException or InsufficientExecutionStackException
                => new(ExitCodes.InputError, $"error: out of memory or stack reading the input: a size, count or nesting in it is too large ({ex.Message})"),
            _ when FromFormatLibrary(ex) is { } library
                => new(ExitCodes.InputError, $"error: the input is malformed or corrupt ({library}: {OneLine(ex.Message)})"),
            _ => new(ExitCodes.InternalError,
                $"internal error: {ex.GetType().Name}: {OneLine(ex.Message)} (a bug in tracereplay; please report it with the command line; " +
                $"{DebugVariable}=1 prints the stack trace)"),
        };
    }

    /// <summary>Writes the mapped line (and the stack trace when debugging) and returns the exit code.</summary>
    public static int Report(Exception exception, TextWriter stderr)
    {
        Mapped mapped = Map(exception);
        stderr.WriteLine(mapped.Line);
        if (Environment.GetEnvironmentVariable(DebugVariable) is "1" or "true")
        {
            stderr.WriteLine(exception.ToString());
        }
        return mapped.ExitCode;
    }

    internal static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException { InnerExceptions.Count: 1 } or TargetInvocationException or TypeInitializationException
               && ex.InnerException is not null)
        {
            ex = ex.InnerException!;
        }
        return ex;
    }

    /// <summary>The format library the exception came from: its type's namespace, its source assembly, or the first frame outside the BCL core.</summary>
    /// <remarks>In the Native AOT build frames carry no method, so only the first two checks decide there; its fuzz pass
    /// (FUZZ_CLI, docs/robustness.md) found every bad input still reported as an input error.</remarks>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "a frame without a method is skipped; the type and source checks come first")]
    private static string? FromFormatLibrary(Exception ex)
    {
        if ((Match(ex.GetType().Namespace) ?? Match(ex.Source)) is { } byTypeOrSource)
        {
            return byTypeOrSource;
        }
        foreach (StackFrame frame in new StackTrace(ex, false).GetFrames())
        {
            Type? type = frame.GetMethod()?.DeclaringType;
            if (type is null || type.Assembly == typeof(object).Assembly)
            {
                continue;
            }
            return Match(type.Namespace);
        }
        return null;
    }

    private static string? Match(string? ns) =>
        ns is null ? null : s_formatLibraries.FirstOrDefault(l => ns == l || ns.StartsWith(l + ".", StringComparison.Ordinal));

    private static string OneLine(string s)
    {
        s = s.ReplaceLineEndings(" ");
        return s.Length <= 200 ? s : s[..197] + "...";
    }
}

using System.Runtime.InteropServices;
using TraceReplay.Core.IO;

namespace TraceReplay.Cli.Errors;

/// <summary>
/// SIGINT and SIGTERM: delete this process's temp files (<see cref="TempFiles"/>), say so on stderr, and exit 130 or
/// 143; outputs under their final names are never partial (they appear by one rename). Dispose to unregister.
/// </summary>
public sealed class Interrupts : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    private Interrupts()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => Stop(ctx, ExitCodes.Interrupted)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => Stop(ctx, ExitCodes.Terminated)),
        ];
    }

    public static Interrupts Register() => new();

    public void Dispose()
    {
        foreach (PosixSignalRegistration r in _registrations)
        {
            r.Dispose();
        }
    }

    private static void Stop(PosixSignalContext context, int exitCode)
    {
        context.Cancel = true;
        int removed = TempFiles.DeleteAll();
        Console.Error.WriteLine($"interrupted ({context.Signal}): no output written{(removed > 0 ? $"; {removed} temp file(s) removed" : "")}");
        Environment.Exit(exitCode);
    }
}

namespace TraceReplay.Cli.Tests.Infrastructure;

/// <summary>Runs <see cref="CliApp.Run"/> in this process with stdout and stderr captured (tests here never overlap).</summary>
public static class InProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {StdOut}\nstderr: {StdErr}";
    }

    private static readonly object s_gate = new();

    public static Result Run(params string[] args)
    {
        lock (s_gate)
        {
            TextWriter outBefore = Console.Out, errBefore = Console.Error;
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                int code = CliApp.Run(args);
                return new Result(code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(outBefore);
                Console.SetError(errBefore);
            }
        }
    }

    /// <summary>A committed sample under tests/data (copied beside the test binaries).</summary>
    public static string Data(string relative) => Path.Combine(AppContext.BaseDirectory, "data", relative);
}

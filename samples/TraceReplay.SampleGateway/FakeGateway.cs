using System.Globalization;
using TraceReplay.Instrumentation;

namespace TraceReplay.SampleGateway;

/// <summary>
/// Line protocol (one command per stdin line, one reply per stdout line):
/// <list type="bullet">
/// <item><c>serve ID PROMPT OUTPUT [MODEL]</c>: arrive, generate OUTPUT tokens, complete; replies <c>served ID</c>.</item>
/// <item><c>arrive ID PROMPT</c>: arrive only (a request still running when a capture ends); replies <c>arrived ID</c>.</item>
/// <item><c>progress SIM_SECONDS ITERATIONS</c>: report replay progress to the EventCounters; replies <c>progress</c>.</item>
/// <item><c>status</c>: replies <c>enabled requests=BOOL replay=BOOL</c> (whether a session listens).</item>
/// <item><c>quit</c>: exits.</item>
/// </list>
/// </summary>
internal sealed class FakeGateway(TimeSpan tokenDelay)
{
    public const string Quit = "\0quit";

    public string Handle(string line)
    {
        string[] p = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return p.Length == 0 ? "error empty line" : p[0] switch
        {
            "serve" when p.Length is 4 or 5 => Serve(Long(p[1]), Int(p[2]), Int(p[3]), p.Length == 5 ? p[4] : ""),
            "arrive" when p.Length == 3 => Arrive(Long(p[1]), Int(p[2])),
            "progress" when p.Length == 3 => Progress(double.Parse(p[1], CultureInfo.InvariantCulture), Long(p[2])),
            "status" => $"enabled requests={Bool(RequestEventSource.Log.IsEnabled())} replay={Bool(ReplayEventSource.Log.IsEnabled())}",
            "quit" => Quit,
            _ => $"error unknown command '{line}'; expected serve|arrive|progress|status|quit",
        };
    }

    private string Serve(long id, int prompt, int output, string model)
    {
        RequestEventSource.Log.RequestArrived(id, prompt, model, "");
        for (int token = 0; token < output; token++)
        {
            if (tokenDelay > TimeSpan.Zero)
            {
                Thread.Sleep(tokenDelay);
            }
            if (token == 0)
            {
                RequestEventSource.Log.FirstToken(id);
            }
        }
        RequestEventSource.Log.RequestCompleted(id, output);
        return "served " + id.ToString(CultureInfo.InvariantCulture);
    }

    private static string Arrive(long id, int prompt)
    {
        RequestEventSource.Log.RequestArrived(id, prompt);
        return "arrived " + id.ToString(CultureInfo.InvariantCulture);
    }

    private static string Progress(double simulatedSeconds, long iterations)
    {
        ReplayEventSource.Log.ReportProgress(simulatedSeconds, iterations);
        return "progress";
    }

    private static long Long(string s) => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static string Bool(bool b) => b ? "true" : "false";
}

using System.Globalization;
using TraceReplay.SampleGateway;

// A stand-in for an LLM gateway written in .NET: it "serves" the requests it is told to over stdin and emits the
// TraceReplay-Requests events a real gateway would, so `tracereplay capture --pid N` can be tested end to end.
var gateway = new FakeGateway(TokenDelay(args));
Console.Out.WriteLine($"ready {Environment.ProcessId}");
Console.Out.Flush();
string? line;
while ((line = Console.In.ReadLine()) is not null)
{
    string reply;
    try
    {
        reply = gateway.Handle(line);
    }
    catch (FormatException ex)
    {
        reply = "error " + ex.Message;
    }
    if (reply == FakeGateway.Quit)
    {
        break;
    }
    Console.Out.WriteLine(reply);
    Console.Out.Flush();
}
return 0;

static TimeSpan TokenDelay(string[] args)
{
    int i = Array.IndexOf(args, "--token-delay-ms");
    return i >= 0 && i + 1 < args.Length
        ? TimeSpan.FromMilliseconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture))
        : TimeSpan.Zero;
}

using TraceReplay.Core.Requests;

namespace TraceReplay.Reports.Tests.Infrastructure;

/// <summary>
/// Replay outputs shared by the tests (made once per test run): the same 400-request trace under sarathi (twice:
/// the replay is deterministic), under sarathi on a slower GPU (A100), and under vllm.
/// </summary>
public static class SharedRuns
{
    private static readonly Lazy<string> s_root = new(Create);

    public static string Sarathi => Path.Combine(s_root.Value, "sarathi");
    public static string SarathiAgain => Path.Combine(s_root.Value, "sarathi-again");
    public static string SarathiA100 => Path.Combine(s_root.Value, "sarathi-a100");
    public static string Vllm => Path.Combine(s_root.Value, "vllm");

    public static IReadOnlyList<RequestRecord> Trace { get; } = ReplayFixture.Requests(400, ratePerS: 30, seed: 11);

    private static string Create()
    {
        string root = Path.Combine(Path.GetTempPath(), "tracereplay-reports-shared-" + Environment.ProcessId);
        ReplayFixture.Write(Path.Combine(root, "sarathi"), Trace, ReplayFixture.Options());
        ReplayFixture.Write(Path.Combine(root, "sarathi-again"), Trace, ReplayFixture.Options());
        ReplayFixture.Write(Path.Combine(root, "sarathi-a100"), Trace, ReplayFixture.Options() with { Gpu = "a100" });
        ReplayFixture.Write(Path.Combine(root, "vllm"), Trace, ReplayFixture.Options("vllm"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return root;
    }
}

using TraceReplay.Core.Requests;

namespace TraceReplay.Simulation.Workloads;

/// <summary>
/// Issues a <see cref="ClosedLoopWorkload"/>'s requests: the first min(C, K) at time 0, then one more each time a
/// request ends (completed or rejected), at that moment, until K have been issued. Ids run 0..K-1 in issue order;
/// lengths are drawn in issue order from one seeded <see cref="Random"/>, so the same seed gives the same requests.
/// </summary>
public sealed class ClosedLoopSource(ClosedLoopWorkload workload)
{
    private readonly Random _random = new(workload.Seed);
    private long _issued;

    public ClosedLoopWorkload Workload { get; } = workload.Validated();

    /// <summary>Requests issued so far.</summary>
    public long Issued => _issued;

    /// <summary>The clients' first requests, all at <paramref name="startNs"/>.</summary>
    public IEnumerable<RequestRecord> Initial(long startNs)
    {
        long n = Math.Min(Workload.Concurrency, Workload.NumRequests);
        for (long i = 0; i < n; i++)
        {
            yield return Next(startNs);
        }
    }

    /// <summary>The next request of the client whose request just ended at <paramref name="nowNs"/>, or null when all K were issued.</summary>
    public RequestRecord? OnRequestEnded(long nowNs) => _issued < Workload.NumRequests ? Next(nowNs) : null;

    private RequestRecord Next(long arrivalNs)
    {
        int prompt = Workload.InputDistribution.Sample(Workload.InputTokens, _random);
        int output = Workload.OutputDistribution.Sample(Workload.OutputTokens, _random);
        return new RequestRecord(_issued++, arrivalNs, prompt, output);
    }
}

namespace TraceReplay.Simulation.Engine;

public enum RouterPolicy
{
    /// <summary>Request i goes to instance i mod R.</summary>
    RoundRobin,
    /// <summary>The instance with the fewest waiting + running requests; ties to the lowest index.</summary>
    LeastOutstanding,
    /// <summary>The instance whose prefix cache holds the longest leading run of the request's block hashes (llm-d's
    /// and Dynamo's KV-aware routing); ties, and requests without hashes, as <see cref="LeastOutstanding"/>.</summary>
    PrefixAware,
}

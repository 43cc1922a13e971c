namespace TraceReplay.Simulation.Engine;

public enum RouterPolicy
{
    /// <summary>Request i goes to instance i mod R.</summary>
    RoundRobin,
    /// <summary>The instance with the fewest waiting + running requests; ties to the lowest index.</summary>
    LeastOutstanding,
}

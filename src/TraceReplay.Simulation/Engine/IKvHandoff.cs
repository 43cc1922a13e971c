namespace TraceReplay.Simulation.Engine;

/// <summary>Takes a request from a prefill instance once its first token is out: its KV goes to a decode instance.</summary>
public interface IKvHandoff
{
    /// <summary><paramref name="slot"/> still holds its KV blocks on <paramref name="prefill"/>; it is in no queue.</summary>
    void HandOff(ServingInstance prefill, int slot, long nowNs);
}

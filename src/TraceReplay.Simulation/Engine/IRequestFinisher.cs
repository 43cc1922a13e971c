namespace TraceReplay.Simulation.Engine;

/// <summary>Takes a finished request's slot and its token gaps (valid during the call): writes its outcome, then frees the slot.</summary>
public interface IRequestFinisher
{
    void Finish(int slot, Span<long> gapsNs);
}

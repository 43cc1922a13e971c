namespace TraceReplay.Simulation.Engine;

/// <summary>Takes a finished request's slot: writes its outcome, then frees the slot.</summary>
public interface IRequestFinisher
{
    void Finish(int slot);
}

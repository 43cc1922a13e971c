namespace TraceReplay.Simulation.Tests.Infrastructure;

/// <summary>An iteration's batch by request id, easy to compare with a hand-derived one.</summary>
internal sealed record PlanView(
    IReadOnlyList<(long Id, int Cached)> Decodes,
    IReadOnlyList<(long Id, int Tokens, int Offset, bool Emits)> Pieces,
    int LayerStart, int LayerEnd, int Group, int Groups)
{
    public IEnumerable<long> DecodeIds => Decodes.Select(d => d.Id);
}

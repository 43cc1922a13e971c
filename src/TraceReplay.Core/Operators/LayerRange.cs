namespace TraceReplay.Core.Operators;

/// <summary>Half-open range of decoder layers [Start, End).</summary>
public readonly record struct LayerRange(int Start, int End)
{
    public int Count => End - Start;

    public static LayerRange All(int layers) => new(0, layers);

    public bool Contains(int layer) => layer >= Start && layer < End;
}

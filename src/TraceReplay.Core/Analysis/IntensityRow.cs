namespace TraceReplay.Core.Analysis;

/// <summary>One operator of a representative layer (or the head), summed over the batch, for one phase.</summary>
public sealed record IntensityRow(string Phase, string Operator, string Class, string LayerKind, double Flops, double HbmBytes)
{
    public double FlopsPerByte => HbmBytes > 0 ? Flops / HbmBytes : double.PositiveInfinity;
}

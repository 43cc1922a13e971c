namespace TraceReplay.Core.Operators;

/// <summary>HBM bytes moved by one operator on one GPU, by what they are.</summary>
public readonly record struct HbmTraffic(double WeightBytes, double ExpertWeightBytes, double KvReadBytes, double KvWriteBytes, double ActivationBytes)
{
    public double TotalBytes => WeightBytes + ExpertWeightBytes + KvReadBytes + KvWriteBytes + ActivationBytes;

    public static HbmTraffic operator +(HbmTraffic a, HbmTraffic b) => new(
        a.WeightBytes + b.WeightBytes, a.ExpertWeightBytes + b.ExpertWeightBytes, a.KvReadBytes + b.KvReadBytes,
        a.KvWriteBytes + b.KvWriteBytes, a.ActivationBytes + b.ActivationBytes);

    public HbmTraffic Scale(double factor) => new(
        WeightBytes * factor, ExpertWeightBytes * factor, KvReadBytes * factor, KvWriteBytes * factor, ActivationBytes * factor);
}

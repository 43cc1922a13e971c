using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Core.Cost;

/// <summary>
/// Roofline from GPU specs alone: latency = max(FLOPs / (peak x compute efficiency), bytes / (HBM BW x memory
/// efficiency)) + per-kernel overhead; all-reduce is a ring over the interconnect. The uncalibrated default.
/// </summary>
public sealed class RooflineCostModel : ICostModel
{
    private readonly GpuSpec _gpu;
    private readonly ClassEfficiency[] _byClass;

    public RooflineCostModel(GpuSpec gpu, IReadOnlyDictionary<OpClass, ClassEfficiency>? efficiency = null)
    {
        _gpu = gpu;
        efficiency ??= RooflineEfficiency.Defaults;
        _byClass = [.. Enum.GetValues<OpClass>().Select(c => efficiency.TryGetValue(c, out ClassEfficiency? e) ? e : RooflineEfficiency.Defaults[c])];
    }

    public string Name => "roofline";

    public string Provenance => $"uncalibrated roofline from {_gpu.ShortName} datasheet peaks x fixed per-class efficiencies";

    public GpuSpec Gpu => _gpu;

    public OpCost Estimate(in Operator op)
    {
        ClassEfficiency e = _byClass[(int)op.Class];
        double bytes = op.Bytes.TotalBytes;
        double seconds;
        if (op.Class == OpClass.AllReduce)
        {
            // Ring all-reduce sends 2(n-1)/n of the buffer per GPU; an all-to-all sends the (n-1)/n bound for other GPUs.
            double ringFactor = (op.Kind == OpKind.MoeAllToAll ? 1.0 : 2.0) * (op.TpDegree - 1) / Math.Max(op.TpDegree, 1);
            seconds = ringFactor * op.CommBytes / (_gpu.InterconnectBytesPerS * e.Memory);
        }
        else
        {
            double compute = op.Flops / (_gpu.PeakBf16FlopsPerS * e.Compute);
            double memory = bytes / (_gpu.HbmBytesPerS * e.Memory);
            seconds = Math.Max(compute, memory);
        }
        return new OpCost(seconds * 1e6 + e.OverheadUs, bytes);
    }
}

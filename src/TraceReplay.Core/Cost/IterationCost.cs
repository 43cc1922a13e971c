using TraceReplay.Core.Operators;

namespace TraceReplay.Core.Cost;

/// <summary>Totals of a list of operators under a cost model: the reference (scalar) evaluation of an iteration.</summary>
public readonly record struct IterationCost(double LatencyUs, HbmTraffic Bytes, double Flops)
{
    public static IterationCost Sum(ICostModel model, IReadOnlyList<Operator> ops)
    {
        double latency = 0, flops = 0;
        HbmTraffic bytes = default;
        for (int i = 0; i < ops.Count; i++)
        {
            Operator op = ops[i];
            OpCost cost = model.Estimate(op);
            latency += cost.LatencyUs;
            flops += op.Flops;
            double analytic = op.Bytes.TotalBytes;
            // A cost model may correct the byte count (measured DRAM traffic); keep the category split in proportion.
            bytes += analytic > 0 ? op.Bytes.Scale(cost.HbmBytes / analytic) : op.Bytes;
        }
        return new IterationCost(latency, bytes, flops);
    }
}

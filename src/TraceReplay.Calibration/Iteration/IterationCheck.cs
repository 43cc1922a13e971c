using TraceReplay.Calibration.Model;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Iteration;

/// <summary>
/// Compares one traced iteration's measured kernel time per op class with what a calibration predicts for the same
/// iteration rebuilt from the model config and the batch shape (Core's OperatorGraph: fused kernels, one operator per
/// kind). Classes are compared one to one where the kernels map to operators cleanly (GEMMs, attention, MoE, comms);
/// the memory-bound classes are also compared as one group, because eager frameworks split a norm or RoPE into several
/// generic kernels that the classifier files under elementwise.
/// </summary>
public static class IterationCheck
{
    /// <summary>Classes whose kernels are memory-bound glue, compared together as one group.</summary>
    public static readonly string[] MemoryBoundGroup = ["norm", "rope", "activation", "elementwise", "memcpy", "sampling", "router_topk", "other"];

    public static IterationCheckResult Run(KernelTimes measured, ModelSpec model, BatchShape batch, int tp, CalibratedCostModel cost, string shapeNote)
    {
        var graph = new OperatorGraph(model, tp);
        List<Operator> ops = graph.BuildIteration(batch);
        var predicted = new SortedDictionary<string, (int Ops, double Us, double VarUs2)>(StringComparer.Ordinal);
        foreach (Operator op in ops)
        {
            var c = cost.Estimate(op);
            string name = op.Class.ToName();
            predicted.TryGetValue(name, out var a);
            double sd = c.LatencyUs * c.RelativeStdDev;
            predicted[name] = (a.Ops + 1, a.Us + c.LatencyUs, a.VarUs2 + sd * sd);
        }
        // The same prefill attention under the other masked-pairs assumption, so the report shows which one the trace supports.
        MaskedPairs other = cost.MaskedPairs == MaskedPairs.AsProfiled ? MaskedPairs.Skipped : MaskedPairs.AsProfiled;
        var alt = new CalibratedCostModel(cost.Gpu, cost.Calibration, other);
        double altAttentionUs = ops.Where(o => o.Class == OpClass.AttentionPrefill).Sum(o => alt.Estimate(o).LatencyUs);
        var rows = new List<IterationCheckRow>();
        foreach (string cls in measured.ByClass.Keys.Union(predicted.Keys).Order(StringComparer.Ordinal))
        {
            measured.ByClass.TryGetValue(cls, out var m);
            predicted.TryGetValue(cls, out var p);
            rows.Add(new IterationCheckRow(cls, m.Kernels, m.DurUs, p.Ops, p.Us, Math.Sqrt(p.VarUs2)));
        }
        return new IterationCheckResult(model.Name, cost.Calibration.Gpu, cost.Provenance, tp, shapeNote, measured, rows, cost.MaskedPairs, other, altAttentionUs);
    }
}

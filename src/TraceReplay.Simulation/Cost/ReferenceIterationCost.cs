using TraceReplay.Core.Cost;
using TraceReplay.Core.Operators;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Cost;

/// <summary>
/// The scalar reference: enumerate every operator of the iteration with <see cref="OperatorGraph"/> and sum them with
/// <see cref="IterationCost.Sum"/>. Under layered prefill the decode-only layers and the active group's mixed layers
/// are built separately. Allocates; used by tests and <c>--cost-path reference</c>.
/// </summary>
public sealed class ReferenceIterationCost(OperatorGraph graph, ICostModel cost) : IIterationCostEvaluator
{
    private readonly List<Operator> _ops = [];

    public IterationCost Evaluate(IterationPlan plan)
    {
        var decodes = new BatchShape();
        var mixed = new BatchShape();
        foreach (int c in plan.DecodeCached)
        {
            decodes.AddDecode(c);
            mixed.AddDecode(c);
        }
        for (int i = 0; i < plan.PieceCount; i++)
        {
            mixed.AddPrefill(plan.PieceTokens[i], plan.PieceOffsets[i], plan.PieceEmits[i]);
        }
        int layers = graph.Model.NumLayers;
        LayerRange group = plan.PieceCount > 0 ? plan.PrefillLayers : new LayerRange(0, 0);
        _ops.Clear();
        graph.Build(plan.PrefillEmbeds ? mixed : decodes, new LayerRange(0, 0), includeEmbedding: true, includeHead: false, _ops);
        graph.Build(decodes, new LayerRange(0, group.Start), false, false, _ops);
        graph.Build(mixed, group, false, false, _ops);
        graph.Build(decodes, new LayerRange(Math.Max(group.End, group.Start), layers), false, false, _ops);
        graph.Build(mixed, new LayerRange(0, 0), includeEmbedding: false, includeHead: true, _ops);
        return IterationCost.Sum(cost, _ops);
    }
}

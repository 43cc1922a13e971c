using TraceReplay.Core.Cost;
using TraceReplay.Core.Operators;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Cost;

/// <summary>
/// The operator-by-operator reference: every operator of every layer from <see cref="OperatorGraph"/>, each costed by
/// the cost model. Under layered prefill the decode-only layers and the active group's mixed layers get their own
/// batches. Summation order, which fixes the last bits: the embedding; then layer by layer, the layer's token-count
/// operators (graph order) as one subtotal and its batch-dependent attention operators
/// (<see cref="AttentionOps.IsBatchDependent"/>, graph order) as another; then the head. <see cref="FastIterationCost"/>
/// adds in the same order and returns the same bits. Allocates; used by tests and <c>--cost-path reference</c>.
/// </summary>
public sealed class ReferenceIterationCost(OperatorGraph graph, ICostModel cost) : IIterationCostEvaluator
{
    private readonly List<Operator> _ops = [];
    private readonly List<Operator> _tokenOps = [];
    private readonly List<Operator> _attentionOps = [];

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
        LayerRange group = plan.PieceCount > 0 ? plan.PrefillLayers : new LayerRange(0, 0);
        IterationCost total = Sum(plan.PrefillEmbeds ? mixed : decodes, new LayerRange(0, 0), embedding: true, head: false);
        for (int layer = 0; layer < graph.Model.NumLayers; layer++)
        {
            BatchShape batch = layer >= group.Start && layer < group.End ? mixed : decodes;
            _ops.Clear();
            graph.Build(batch, new LayerRange(layer, layer + 1), false, false, _ops);
            if (_ops.Count == 0)
            {
                continue; // no tokens in this layer (a layered iteration without decodes)
            }
            _tokenOps.Clear();
            _attentionOps.Clear();
            foreach (Operator op in _ops)
            {
                (AttentionOps.IsBatchDependent(op.Kind) ? _attentionOps : _tokenOps).Add(op);
            }
            total = IterationCostMath.Add(IterationCostMath.Add(total, IterationCost.Sum(cost, _tokenOps)), IterationCost.Sum(cost, _attentionOps));
        }
        return IterationCostMath.Add(total, Sum(mixed, new LayerRange(0, 0), embedding: false, head: true));
    }

    private IterationCost Sum(BatchShape batch, LayerRange layers, bool embedding, bool head)
    {
        _ops.Clear();
        graph.Build(batch, layers, embedding, head, _ops);
        return IterationCost.Sum(cost, _ops);
    }
}

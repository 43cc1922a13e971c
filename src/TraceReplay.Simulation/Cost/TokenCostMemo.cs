using TraceReplay.Core.Cost;

namespace TraceReplay.Simulation.Cost;

/// <summary>
/// Cost of the parts of an iteration that depend only on a token count (a layer's projections, norms, FFN/MoE with
/// a layer-invariant routing model; the embedding; the LM head), computed once per count and reused.
/// </summary>
internal sealed class TokenCostMemo(Func<int, IterationCost> compute)
{
    private IterationCost[] _values = new IterationCost[1024];
    private bool[] _known = new bool[1024];

    public IterationCost Get(int tokens)
    {
        if (tokens <= 0)
        {
            return default;
        }
        if (tokens >= _values.Length)
        {
            int n = Math.Max(tokens + 1, _values.Length * 2);
            Array.Resize(ref _values, n);
            Array.Resize(ref _known, n);
        }
        if (!_known[tokens])
        {
            _values[tokens] = compute(tokens);
            _known[tokens] = true;
        }
        return _values[tokens];
    }
}

using System.Collections.Concurrent;

namespace TraceReplay.Calibration.KernelDb;

/// <summary>
/// The routing the MoE table was measured under, as per-expert token counts on the measured GPU. AIConfigurator's
/// collector builds it synthetically: <c>balanced</c> spreads the T x k assignments over min(E, T x k) experts
/// evenly; <c>power_law_A</c> draws each expert's load from a power law of exponent A on [1, 0.8 T] (on [0.01, 2]
/// when T x k &lt;= E), scales the loads to sum to T x k and rounds them (so small loads become 0: an expert not hit),
/// and with expert parallelism swaps the most loaded rank to rank 0, the one timed. We use the expected loads (the
/// quantiles of that power law at the midpoints of E equal bins) rather than one random draw, and for EP the rank
/// holding every EP-th expert by load, starting from the heaviest.
/// </summary>
public static class MoeTableRouting
{
    /// <summary>Largest expert count modelled: the routing holds one load per expert (8 MiB at this size).</summary>
    public const int MaxExperts = 1 << 20;

    // A table repeats each routing across its latency rows (and a damaged one can repeat a huge expert count on every
    // row): each distinct routing is computed once per process.
    private static readonly ConcurrentDictionary<(long, int, int, int, string), (long, double)> s_local = new();

    /// <summary>(token-expert assignments, experts hit) on the timed GPU.</summary>
    public static (long Assignments, double ExpertsHit) Local(long tokens, int experts, int topK, int ep, string distribution)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(experts, MaxExperts);
        return s_local.GetOrAdd((tokens, experts, topK, ep, distribution), k => Compute(k.Item1, k.Item2, k.Item3, k.Item4, k.Item5));
    }

    private static (long Assignments, double ExpertsHit) Compute(long tokens, int experts, int topK, int ep, string distribution)
    {
        long total = tokens * topK;
        double[] loads = distribution.StartsWith("power_law_", StringComparison.Ordinal)
            ? PowerLawLoads(tokens, experts, topK, ParseAlpha(distribution))
            : BalancedLoads(total, experts);
        // EP: this GPU's experts are every ep-th by load from the heaviest (the collector puts the heaviest rank first).
        long local = 0;
        int hit = 0;
        for (int i = 0; i < loads.Length; i += Math.Max(ep, 1))
        {
            long l = (long)loads[i];
            local += l;
            hit += l > 0 ? 1 : 0;
        }
        return (local, hit);
    }

    public static bool IsKnown(string distribution) =>
        distribution == "balanced" || (distribution.StartsWith("power_law_", StringComparison.Ordinal) && TryAlpha(distribution, out _));

    private static double ParseAlpha(string distribution) =>
        TryAlpha(distribution, out double a) ? a : throw new FormatException($"distribution '{distribution}': expected balanced or power_law_<alpha>");

    private static bool TryAlpha(string distribution, out double alpha) =>
        double.TryParse(distribution.AsSpan("power_law_".Length), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out alpha)
        && alpha > 0 && double.IsFinite(alpha);

    /// <summary>Sorted descending: T x k spread as evenly as whole tokens allow over min(E, T x k) experts.</summary>
    private static double[] BalancedLoads(long total, int experts)
    {
        var loads = new double[experts];
        for (int i = 0; i < experts; i++)
        {
            loads[i] = total / experts + (i < total % experts ? 1 : 0);
        }
        return loads;
    }

    /// <summary>Sorted descending expected loads under the collector's power law, rounded as it rounds them.</summary>
    private static double[] PowerLawLoads(long tokens, int experts, int topK, double alpha)
    {
        long total = tokens * topK;
        (double xmin, double xmax) = total > experts ? (1.0, Math.Max(1.0, tokens * 0.8)) : (0.01, 2.0);
        var x = new double[experts];
        double sum = 0;
        for (int i = 0; i < experts; i++)
        {
            double u = 1 - (i + 0.5) / experts; // descending
            x[i] = Math.Abs(alpha - 1) < 1e-9
                ? xmin * Math.Pow(xmax / xmin, u)
                : Math.Pow((Math.Pow(xmax, 1 - alpha) - Math.Pow(xmin, 1 - alpha)) * u + Math.Pow(xmin, 1 - alpha), 1 / (1 - alpha));
            sum += x[i];
        }
        long assigned = 0;
        for (int i = 0; i < experts; i++)
        {
            x[i] = Math.Round(x[i] / sum * total, MidpointRounding.ToEven);
            assigned += (long)x[i];
        }
        // The collector hands the rounding remainder to the largest loads (takes it from the smallest), one token each,
        // in turn: expert i of the round order gets |delta| / E tokens, plus one if i < |delta| mod E. Written in closed
        // form (a loop over |delta| is unbounded when a damaged row makes the sum overflow); clamping each step at 0 equals
        // clamping once.
        long delta = total - assigned;
        if (delta == long.MinValue)
        {
            throw new OverflowException($"MoE routing of {tokens} tokens x top-{topK} over {experts} experts does not fit in 64 bits");
        }
        long rounds = Math.Abs(delta) / experts, extra = Math.Abs(delta) % experts;
        for (int i = 0; i < experts && (rounds > 0 || i < extra); i++)
        {
            int j = delta > 0 ? i : experts - 1 - i;
            x[j] = Math.Max(0, x[j] + Math.Sign(delta) * (double)(rounds + (i < extra ? 1 : 0)));
        }
        return x;
    }
}

using System.Globalization;

namespace TraceReplay.Simulation.Workloads;

/// <summary>
/// Token lengths of a synthetic benchmark workload around a nominal length N (<c>--isl N --isl-dist SPEC</c>):
/// <list type="bullet">
/// <item><c>fixed</c> (default): every request has exactly N tokens.</item>
/// <item><c>uniform:R</c>: uniform integers in [round(N(1-R)), round(N(1+R))], 0 &lt;= R &lt; 1; vLLM bench serve's
/// random dataset <c>--random-range-ratio R</c>.</item>
/// <item><c>normal:SD</c>: N plus a normal deviate of standard deviation SD tokens, rounded and at least 1; genai-perf's
/// <c>--synthetic-input-tokens-stddev SD</c> (and <c>--output-tokens-stddev</c>).</item>
/// </list>
/// Draws come from the caller's seeded <see cref="Random"/>, so a workload with a seed is reproducible.
/// </summary>
public sealed record LengthDistribution(string Kind, double Spread)
{
    public static readonly LengthDistribution Fixed = new("fixed", 0);

    /// <param name="flag">The option being parsed, named in errors (e.g. <c>--isl-dist</c>).</param>
    public static LengthDistribution Parse(string? spec, string flag)
    {
        string s = (spec ?? "fixed").Trim().ToLowerInvariant();
        if (s is "" or "fixed")
        {
            return Fixed;
        }
        string[] parts = s.Split(':');
        if (parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
        {
            if (parts[0] == "uniform" && v is >= 0 and < 1)
            {
                return new LengthDistribution("uniform", v);
            }
            if (parts[0] == "normal" && v >= 0)
            {
                return new LengthDistribution("normal", v);
            }
        }
        throw new ArgumentException($"{flag} '{spec}': expected fixed, uniform:R (0 <= R < 1, vLLM's --random-range-ratio) or normal:SD (SD >= 0 tokens, genai-perf's stddev)");
    }

    /// <summary>One length around <paramref name="nominal"/> tokens (at least 1).</summary>
    public int Sample(int nominal, Random random)
    {
        switch (Kind)
        {
            case "uniform":
                int lo = Math.Max(1, (int)Math.Round(nominal * (1 - Spread), MidpointRounding.ToEven));
                int hi = Math.Max(lo, (int)Math.Round(nominal * (1 + Spread), MidpointRounding.ToEven));
                return random.Next(lo, hi + 1);
            case "normal":
                // Box-Muller on two uniforms in (0, 1]: deterministic for a seed on every platform.
                double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
                double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                return Math.Max(1, (int)Math.Round(nominal + Spread * z, MidpointRounding.ToEven));
            default:
                return nominal;
        }
    }

    public override string ToString() => Kind == "fixed" ? "fixed" : FormattableString.Invariant($"{Kind}:{Spread}");
}

namespace TraceReplay.Core.Requests;

/// <summary>Gamma(shape, 1) variates by Marsaglia and Tsang (2000); shape &lt; 1 uses the boost U^(1/shape).</summary>
public static class GammaSampler
{
    public static double Sample(Random random, double shape)
    {
        if (shape < 1.0)
        {
            double u = 1.0 - random.NextDouble();
            return Sample(random, shape + 1.0) * Math.Pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1.0 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            double u = random.NextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1.0 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    /// <summary>Standard normal by Box-Muller (one of the pair; simple and deterministic).</summary>
    public static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

namespace TraceReplay.Calibration.Fitting;

/// <summary>
/// Nelder-Mead simplex minimiser with a fixed evaluation budget. Hand-written rather than MathNet's
/// NelderMeadSimplex because that one throws when its iteration cap is reached, and calibration needs a
/// deterministic best-so-far answer under a budget (2-core CI) rather than an exception.
/// </summary>
public static class NelderMead
{
    public static double[] Minimize(Func<double[], double> f, double[] start, double step, int maxEvaluations, double tolerance = 1e-10)
    {
        int n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        for (int i = 0; i <= n; i++)
        {
            simplex[i] = (double[])start.Clone();
            if (i > 0)
            {
                simplex[i][i - 1] += step;
            }
            values[i] = f(simplex[i]);
        }
        int evals = n + 1;
        var order = new int[n + 1];
        while (evals < maxEvaluations)
        {
            for (int i = 0; i <= n; i++)
            {
                order[i] = i;
            }
            Array.Sort(order, (a, b) => values[a].CompareTo(values[b]) is var c && c != 0 ? c : a.CompareTo(b));
            int best = order[0], worst = order[n], second = order[n - 1];
            if (Math.Abs(values[worst] - values[best]) <= tolerance * (Math.Abs(values[best]) + 1e-300))
            {
                break;
            }
            var centroid = new double[n];
            for (int i = 0; i <= n; i++)
            {
                if (i == worst)
                {
                    continue;
                }
                for (int j = 0; j < n; j++)
                {
                    centroid[j] += simplex[i][j] / n;
                }
            }
            double[] reflected = Along(centroid, simplex[worst], -1.0);
            double fr = f(reflected);
            evals++;
            if (fr < values[best])
            {
                double[] expanded = Along(centroid, simplex[worst], -2.0);
                double fe = f(expanded);
                evals++;
                (simplex[worst], values[worst]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[second])
            {
                (simplex[worst], values[worst]) = (reflected, fr);
            }
            else
            {
                double[] contracted = fr < values[worst] ? Along(centroid, simplex[worst], -0.5) : Along(centroid, simplex[worst], 0.5);
                double fc = f(contracted);
                evals++;
                if (fc < Math.Min(fr, values[worst]))
                {
                    (simplex[worst], values[worst]) = (contracted, fc);
                }
                else
                {
                    for (int i = 0; i <= n; i++)
                    {
                        if (i == best)
                        {
                            continue;
                        }
                        simplex[i] = Along(simplex[best], simplex[i], 0.5);
                        values[i] = f(simplex[i]);
                        evals++;
                    }
                }
            }
        }
        int arg = 0;
        for (int i = 1; i <= n; i++)
        {
            if (values[i] < values[arg])
            {
                arg = i;
            }
        }
        return simplex[arg];
    }

    /// <summary>centroid + t x (point - centroid).</summary>
    private static double[] Along(double[] centroid, double[] point, double t)
    {
        var r = new double[centroid.Length];
        for (int j = 0; j < r.Length; j++)
        {
            r[j] = centroid[j] + t * (point[j] - centroid[j]);
        }
        return r;
    }
}

namespace TraceReplay.Core.Routing;

/// <summary>
/// Fits a routing-skew model to measured expert coverage: the fraction of a layer's E experts that decode batches
/// of T tokens hit. Deterministic grid search (then refinement) minimising squared coverage error.
/// </summary>
public static class RoutingSkewFit
{
    public readonly record struct Result(IRoutingModel Model, double RmsErrorPoints, IReadOnlyList<(int Tokens, double Measured, double Fitted)> Points);

    public static Result FitZipf(int numExperts, int topK, IReadOnlyList<(int Tokens, double Coverage)> targets)
    {
        double best = double.MaxValue, bestS = 0;
        for (double s = 0; s <= 4.0001; s += 0.01)
        {
            double err = Error(new ZipfRouting(numExperts, topK, s, 1, 0), numExperts, targets);
            if (err < best)
            {
                (best, bestS) = (err, Math.Round(s, 2));
            }
        }
        return Describe(new ZipfRouting(numExperts, topK, bestS, 1, 0), numExperts, targets);
    }

    public static Result FitHotSet(int numExperts, int topK, IReadOnlyList<(int Tokens, double Coverage)> targets)
    {
        double best = double.MaxValue;
        (int Hot, double Share) arg = (1, 0.5);
        for (int hot = 1; hot < numExperts; hot++)
        {
            // Hot share at least the hot experts' uniform share, else they would not be hot.
            for (double share = (double)hot / numExperts + 0.005; share < 0.999; share += 0.005)
            {
                double err = Error(new HotSetRouting(numExperts, topK, hot, share), numExperts, targets);
                if (err < best)
                {
                    (best, arg) = (err, (hot, share));
                }
            }
        }
        double lo = Math.Max(arg.Share - 0.005, 0.0001), hi = Math.Min(arg.Share + 0.005, 0.9999);
        for (double share = lo; share <= hi; share += 0.0001)
        {
            double err = Error(new HotSetRouting(numExperts, topK, arg.Hot, share), numExperts, targets);
            if (err < best)
            {
                (best, arg) = (err, (arg.Hot, Math.Round(share, 4)));
            }
        }
        return Describe(new HotSetRouting(numExperts, topK, arg.Hot, arg.Share), numExperts, targets);
    }

    private static double Error(IRoutingModel model, int numExperts, IReadOnlyList<(int Tokens, double Coverage)> targets)
    {
        double sum = 0;
        foreach ((int t, double c) in targets)
        {
            double d = model.ExpectedDistinctExperts(0, t) / numExperts - c;
            sum += d * d;
        }
        return sum;
    }

    private static Result Describe(IRoutingModel model, int numExperts, IReadOnlyList<(int Tokens, double Coverage)> targets)
    {
        var points = targets.Select(p => (p.Tokens, p.Coverage, model.ExpectedDistinctExperts(0, p.Tokens) / numExperts)).ToList();
        double rms = Math.Sqrt(points.Average(p => Math.Pow(p.Item3 - p.Coverage, 2))) * 100;
        return new Result(model, rms, points);
    }
}

using System.Globalization;
using TraceReplay.Core.Models;

namespace TraceReplay.Core.Routing;

public static class RoutingModels
{
    /// <summary>Parses <c>uniform</c>, <c>zipf:S</c> or <c>hot:H:SHARE</c> for a model; returns null for dense models.</summary>
    public static IRoutingModel? Create(string spec, ModelSpec model, int seed)
    {
        if (model.Moe is not { } moe)
        {
            return null;
        }
        string s = spec.Trim().ToLowerInvariant();
        if (s == "uniform")
        {
            return new UniformRouting(moe.NumExperts, moe.TopK);
        }
        if (s.StartsWith("zipf:", StringComparison.Ordinal)
            && double.TryParse(s.AsSpan(5), NumberStyles.Float, CultureInfo.InvariantCulture, out double exponent) && exponent >= 0)
        {
            return new ZipfRouting(moe.NumExperts, moe.TopK, exponent, model.NumLayers, seed);
        }
        string[] parts = s.Split(':');
        if (parts.Length == 3 && parts[0] == "hot"
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int hot) && hot >= 1 && hot < moe.NumExperts
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double share) && share > 0 && share < 1)
        {
            return new HotSetRouting(moe.NumExperts, moe.TopK, hot, share);
        }
        throw new FormatException(
            $"--routing '{spec}': expected 'uniform', 'zipf:S' with S >= 0 (e.g. zipf:1.1), or 'hot:H:SHARE' (H of {moe.NumExperts} experts take SHARE of the routing, e.g. hot:51:0.9)");
    }
}

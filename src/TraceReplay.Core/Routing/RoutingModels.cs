using System.Globalization;
using TraceReplay.Core.Models;

namespace TraceReplay.Core.Routing;

public static class RoutingModels
{
    /// <summary>Parses <c>uniform</c> or <c>zipf:S</c> for a model; returns null for dense models.</summary>
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
        throw new FormatException($"--routing '{spec}': expected 'uniform' or 'zipf:S' with S >= 0 (e.g. zipf:1.1)");
    }
}

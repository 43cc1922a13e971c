using System.Globalization;
using TraceReplay.Core.Models;
using TraceReplay.Core.Routing;

namespace TraceReplay.Parquet.Routing;

public static class RoutingModels
{
    public const string RecordedPrefix = "recorded:";

    /// <summary>
    /// Parses <c>uniform</c>, <c>zipf:S</c>, <c>hot:H:SHARE</c> or <c>recorded:FILE</c> (expert loads from a real run,
    /// <see cref="RecordedRoutingReader"/>) for a model; returns null for dense models.
    /// </summary>
    public static IRoutingModel? Create(string spec, ModelSpec model, int seed)
    {
        bool recorded = spec.Trim().StartsWith(RecordedPrefix, StringComparison.OrdinalIgnoreCase);
        if (model.Moe is not { } moe)
        {
            return recorded ? throw new ArgumentException($"--routing {spec.Trim()}: {model.Name} is a dense model (no experts to route)") : null;
        }
        if (recorded)
        {
            string path = spec.Trim()[RecordedPrefix.Length..];
            return path.Length > 0 ? RecordedRoutingReader.Read(path, model)
                : throw new FormatException("--routing recorded:FILE: give the Parquet file of recorded expert loads (columns step, layer, expert, tokens)");
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
            return new HotSetRouting(moe.NumExperts, moe.TopK, hot, share, model.NumLayers, seed);
        }
        throw new FormatException(
            $"--routing '{spec}': expected 'uniform', 'zipf:S' with S >= 0 (e.g. zipf:1.1), 'hot:H:SHARE' (H of {moe.NumExperts} experts take SHARE of the routing, e.g. hot:51:0.9), or 'recorded:FILE' (expert loads recorded from a real run)");
    }
}
